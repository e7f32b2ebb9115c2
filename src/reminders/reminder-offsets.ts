import { DateTime } from 'luxon';
import { FieldProblem, fieldProblem } from '../common/problem';

/**
 * Offsets of reminders before their anchor (a conference's start, a connection test, a due), as
 * ISO 8601 durations: "P3D", "P1D", "PT2H", "P1DT12H", "PT30M". Days are calendar days in the
 * conference's zone (the same wall-clock time N days earlier, across any DST change); hours and
 * minutes are exact.
 */
export interface ReminderOffset {
  days: number;
  hours: number;
  minutes: number;
  /** The canonical text, part of the dedupe key: "P1DT2H". */
  label: string;
}

export const MAX_OFFSET_DAYS = 30;
export const MAX_OFFSETS = 6;
/** Deadline reminders and overdue notices go out at this hour of the zone. */
export const DEADLINE_SEND_HOUR = 8;
export const OVERDUE_LABEL = 'overdue';

export const DEFAULT_OFFSETS = {
  conference: ['P3D', 'P1D', 'PT2H'],
  readiness: ['P1D', 'PT1H'],
  deadline: ['P3D', 'P1D'],
} as const;

const DURATION = /^P(?:(\d{1,3})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,5})M)?)?$/;

/** Reads one offset; null when it is not a duration of days, hours and minutes. */
export function parseOffset(text: string): ReminderOffset | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [days, hours, minutes] = [match[1], match[2], match[3]].map((n) => (n === undefined ? 0 : Number(n)));
  return { days, hours, minutes, label: labelOf(days, hours, minutes) };
}

function labelOf(days: number, hours: number, minutes: number): string {
  const time = hours || minutes ? `T${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}` : '';
  return `P${days ? `${days}D` : ''}${time}`;
}

/** Minutes before the anchor, counting a day as 24 hours: for ordering and limits only. */
export function nominalMinutes(offset: ReminderOffset): number {
  return offset.days * 1440 + offset.hours * 60 + offset.minutes;
}

export interface OffsetRules {
  /** Deadline reminders are whole days before the last day on time. */
  daysOnly?: boolean;
}

/**
 * Validates a list of offsets sent to the API: answers the canonical labels, longest first, or
 * the problems naming `field[i]` and the rule broken.
 */
export function validateOffsets(
  value: unknown,
  field: string,
  rules: OffsetRules = {},
): { offsets: string[] } | { problems: FieldProblem[] } {
  if (!Array.isArray(value))
    return {
      problems: [fieldProblem(field, 'isArray', `${field} must be a list of durations such as "P3D" or "PT2H"`)],
    };
  if (value.length > MAX_OFFSETS)
    return { problems: [fieldProblem(field, 'arrayMaxSize', `${field} must hold at most ${MAX_OFFSETS} offsets`)] };
  const problems: FieldProblem[] = [];
  const parsed: ReminderOffset[] = [];
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    const offset = typeof item === 'string' ? parseOffset(item) : null;
    if (!offset)
      return void problems.push(
        fieldProblem(
          at,
          'duration',
          `${at} must be an ISO 8601 duration of days, hours and minutes ("P3D", "PT2H", "P1DT12H")`,
        ),
      );
    if (rules.daysOnly && (offset.hours || offset.minutes))
      return void problems.push(
        fieldProblem(
          at,
          'wholeDays',
          `${at} must be whole days ("P3D"): deadline reminders go out at ${DEADLINE_SEND_HOUR}:00`,
        ),
      );
    if (nominalMinutes(offset) === 0)
      return void problems.push(fieldProblem(at, 'positive', `${at} must be longer than zero`));
    if (nominalMinutes(offset) > MAX_OFFSET_DAYS * 1440)
      return void problems.push(fieldProblem(at, 'max', `${at} must be at most ${MAX_OFFSET_DAYS} days`));
    if (parsed.some((p) => p.label === offset.label))
      return void problems.push(fieldProblem(at, 'unique', `${at} repeats ${offset.label}`));
    parsed.push(offset);
  });
  if (problems.length > 0) return { problems };
  return { offsets: parsed.sort((a, b) => nominalMinutes(b) - nominalMinutes(a)).map((o) => o.label) };
}

/** When a reminder `offset` before `anchor` goes out: calendar days in the zone, then exact hours and minutes. */
export function beforeAnchor(anchor: Date, offset: ReminderOffset, zone: string): Date {
  return DateTime.fromJSDate(anchor, { zone })
    .minus({ days: offset.days })
    .minus({ hours: offset.hours, minutes: offset.minutes })
    .toJSDate();
}

/**
 * A due resolves at the first instant it is late (the midnight after its last day, or its minute).
 * Its reminders go out at 08:00 of the zone `days` before its last day on time; the overdue
 * notice at 08:00 of the day after that last day.
 */
export function beforeDue(resolvesAt: Date, days: number, zone: string): Date {
  return lastDayOnTime(resolvesAt, zone).minus({ days }).set({ hour: DEADLINE_SEND_HOUR }).toJSDate();
}

export function overdueNoticeAt(resolvesAt: Date, zone: string): Date {
  return lastDayOnTime(resolvesAt, zone).plus({ days: 1 }).set({ hour: DEADLINE_SEND_HOUR }).toJSDate();
}

function lastDayOnTime(resolvesAt: Date, zone: string): DateTime {
  return DateTime.fromMillis(resolvesAt.getTime() - 1, { zone }).startOf('day');
}
