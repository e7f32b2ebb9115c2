import { endOfDay, isoInZone, startOfDay, wallClock } from '../../common/zoned-time';
import { addMonths, daysInMonth } from './due.calendar';
import { Due, DueOccurrence, DueOf, RecurrenceRule } from './due.model';
import { monthsPeriod } from './due.resolve';

/** How many months one occurrence of a rule covers. */
const STEP: Record<RecurrenceRule['frequency'], number> = {
  monthly: 1,
  quarterly: 3,
  half_yearly: 6,
  yearly: 12,
  unspecified: 0,
};

/** More than this many steps in one call is a caller's mistake (a range of centuries). */
const MAX_STEPS = 100_000;

export interface InstantRange {
  from: Date;
  to: Date;
}

/**
 * The occurrences of a due whose instant falls in `[from, to)`. A recurring due gives one per
 * month, quarter, half-year or year (only those of its `year` when it has one); a due with a
 * fixed instant gives itself when it falls in the range; an unresolved one (relative without a
 * date, after an event, "định kỳ" without a frequency) gives none.
 */
export function occurrences(due: Due, range: InstantRange): DueOccurrence[] {
  if (!(range.from.getTime() <= range.to.getTime()))
    throw new RangeError('occurrences: the range ends before it starts');
  const inRange = (iso: string) => {
    const t = new Date(iso).getTime();
    return t >= range.from.getTime() && t < range.to.getTime();
  };
  if (due.kind !== 'recurring') {
    return due.resolvesAt && inRange(due.resolvesAt) ? [{ period: due.period, resolvesAt: due.resolvesAt }] : [];
  }
  return recurringOccurrences(due, range).filter((o) => inRange(o.resolvesAt));
}

function recurringOccurrences(due: DueOf<'recurring'>, range: InstantRange): DueOccurrence[] {
  const { rule, zone } = due;
  const step = STEP[rule.frequency];
  if (step === 0) return [];
  // Start one whole step before the range, aligned on the rule's periods, and walk past its end.
  const first = wallClock(range.from, zone);
  const last = wallClock(range.to, zone);
  let cursor = addMonths(first.year, Math.floor((first.month - 1) / step) * step + 1, -step);
  const stop = addMonths(last.year, last.month, step);
  const found: DueOccurrence[] = [];
  for (let steps = 0; cursor.year * 12 + cursor.month <= stop.year * 12 + stop.month; steps += 1) {
    if (steps > MAX_STEPS) throw new RangeError('occurrences: the range is too long');
    if (due.year === undefined || cursor.year === due.year) found.push(occurrence(rule, cursor, step, zone));
    cursor = addMonths(cursor.year, cursor.month, step);
  }
  return found;
}

function occurrence(
  rule: RecurrenceRule,
  start: { year: number; month: number },
  step: number,
  zone: string,
): DueOccurrence {
  const label = rule.label ? { label: rule.label } : {};
  const dated = (rule.frequency === 'monthly' || rule.frequency === 'yearly') && rule.day !== undefined;
  if (!dated) {
    const end = addMonths(start.year, start.month, step - 1);
    const period = monthsPeriod(start.year, start.month, end.year, end.month, zone);
    return { period, resolvesAt: period.end, ...label };
  }
  const month = rule.frequency === 'yearly' ? rule.month! : start.month;
  // "ngày 31 hàng tháng" falls on the last day of shorter months.
  const day = { year: start.year, month, day: Math.min(rule.day!, daysInMonth(start.year, month)) };
  const at = rule.before ? startOfDay(day, zone) : endOfDay(day, zone);
  return { period: null, resolvesAt: isoInZone(at, zone), ...label };
}
