import { formatInZone } from '../../common/zoned-time';
import { formatDue, Language } from './due.format';
import { DEADLINES } from './due.messages';
import { Due } from './due.model';
import { lastDayOnTime } from './due.resolve';

/**
 * When a due must be met, for deadline views: "hết ngày 24/02/2023" / "by the end of 24 February
 * 2023", the minute for a due at a time, "chưa xác định (Hội nghị chưa có ngày)" for a relative
 * due whose conference has no date, and the rule itself for recurring or event-bound dues.
 */
export function formatDeadline(due: Due, language: Language = 'vi'): string {
  if (!due.resolvesAt)
    return due.kind === 'relative_to_event' ? DEADLINES.unscheduled[language] : formatDue(due, language);
  const when =
    due.precision === 'minute'
      ? formatInZone(new Date(due.resolvesAt), due.zone, language)
      : DEADLINES.endOfDay(lastDayOnTime(due)!)[language];
  return due.tentative ? `${when} ${DEADLINES.tentative[language]}` : when;
}
