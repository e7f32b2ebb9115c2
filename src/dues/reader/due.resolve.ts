import { endOfDay, isoInZone, isValidTimeZone, startOfDay, wallClock, zonedInstant } from '../../common/zoned-time';
import { addMonths, DateParts, halfYearMonths, parseLocalDate, parseYearMonth, quarterMonths } from './due.calendar';
import { formatDue } from './due.format';
import { Due, DuePeriod, DuePrecision, DueSpec, IsoInstant, MonthPart, RecurrenceRule } from './due.model';

/**
 * From a spec to a due: precision, period and the instant it is due, in the plan's zone.
 * Periods are half-open and a day ends at the next midnight of the zone, so the wall-clock dates
 * never depend on the zone while the instants do.
 */
export interface BuildOptions {
  zone: string;
  /** The words it was read from; the Vietnamese wording of the spec when absent. */
  text?: string;
  note?: string;
}

type Resolution = { precision: DuePrecision; period: DuePeriod | null; resolvesAt: IsoInstant | null };

// Checking a zone builds an Intl formatter, which costs more than resolving a due: remember the good ones.
const knownZones = new Set<string>();

export function assertZone(zone: string): void {
  if (knownZones.has(zone)) return;
  if (!isValidTimeZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`);
  knownZones.add(zone);
}

const dayStart = (d: DateParts, zone: string) => isoInZone(startOfDay(d, zone), zone);
const dayEnd = (d: DateParts, zone: string) => isoInZone(endOfDay(d, zone), zone);
const date = (text: string) => parseLocalDate(text)!;

/** The months [first, last] as a period: from the first day of `first` to the first day after `last`. */
export function monthsPeriod(year: number, first: number, lastYear: number, last: number, zone: string): DuePeriod {
  const after = addMonths(lastYear, last, 1);
  return { start: dayStart({ year, month: first, day: 1 }, zone), end: dayStart({ ...after, day: 1 }, zone) };
}

/** Where a part of a month ends: early = the 10th, mid = the 20th, late = the month's last day. */
export const MONTH_PART_LAST_DAY: Record<MonthPart, number | 'last'> = { early: 10, mid: 20, late: 'last' };

/** Early is days 1–10, mid 11–20, late 21 to the month's end; each is due when its last day ends. */
function partPeriod(m: { year: number; month: number }, part: MonthPart, whole: DuePeriod, zone: string): DuePeriod {
  const first = { early: 1, mid: 11, late: 21 }[part];
  const last = MONTH_PART_LAST_DAY[part];
  return {
    start: dayStart({ ...m, day: first }, zone),
    end: last === 'last' ? whole.end : dayEnd({ ...m, day: last }, zone),
  };
}

function ending(precision: DuePrecision, period: DuePeriod): Resolution {
  return { precision, period, resolvesAt: period.end };
}

export function recurrencePrecision(rule: RecurrenceRule): DuePrecision {
  if ((rule.frequency === 'monthly' || rule.frequency === 'yearly') && rule.day !== undefined) return 'day';
  const byFrequency: Record<RecurrenceRule['frequency'], DuePrecision> = {
    monthly: 'month',
    quarterly: 'quarter',
    half_yearly: 'half_year',
    yearly: 'year',
    unspecified: 'none',
  };
  return byFrequency[rule.frequency];
}

function resolve(spec: DueSpec, zone: string): Resolution {
  switch (spec.kind) {
    case 'on_date': {
      const d = date(spec.date);
      const day = { start: dayStart(d, zone), end: dayEnd(d, zone) };
      return { precision: 'day', period: spec.latest ? null : day, resolvesAt: day.end };
    }
    case 'before_date':
      return { precision: 'day', period: null, resolvesAt: dayStart(date(spec.date), zone) };
    case 'at_time': {
      const [hour, minute] = spec.time.split(':').map(Number);
      return {
        precision: 'minute',
        period: null,
        resolvesAt: isoInZone(zonedInstant(date(spec.date), { hour, minute }, zone), zone),
      };
    }
    case 'date_range':
      return ending('day', { start: dayStart(date(spec.from), zone), end: dayEnd(date(spec.to), zone) });
    case 'month': {
      const m = parseYearMonth(spec.month)!;
      const whole = monthsPeriod(m.year, m.month, m.year, m.month, zone);
      return ending('month', spec.part ? partPeriod(m, spec.part, whole, zone) : whole);
    }
    case 'months': {
      const first = parseYearMonth(spec.months[0])!;
      const last = parseYearMonth(spec.months[spec.months.length - 1])!;
      return ending('month', monthsPeriod(first.year, first.month, last.year, last.month, zone));
    }
    case 'quarter': {
      const [first] = quarterMonths(spec.quarter);
      const [, last] = quarterMonths(spec.through ?? spec.quarter);
      return ending('quarter', monthsPeriod(spec.year, first, spec.year, last, zone));
    }
    case 'half_year': {
      const [first, last] = halfYearMonths(spec.half);
      return ending('half_year', monthsPeriod(spec.year, first, spec.year, last, zone));
    }
    case 'year':
    case 'ongoing':
      return ending('year', monthsPeriod(spec.year, 1, spec.year, 12, zone));
    case 'recurring':
      return {
        precision: recurrencePrecision(spec.rule),
        period: spec.year === undefined ? null : monthsPeriod(spec.year, 1, spec.year, 12, zone),
        resolvesAt: null,
      };
    case 'relative_to_event':
      return { precision: 'day', period: null, resolvesAt: null };
    case 'after_event':
    case 'per_reference':
      return { precision: 'none', period: null, resolvesAt: null };
  }
}

/** The resolved due of a spec. Relative dues come out unresolved: see `resolveRelative`. */
export function buildDue(spec: DueSpec, options: BuildOptions): Due {
  assertZone(options.zone);
  const text = options.text ?? formatDue(spec, 'vi');
  const base = {
    ...spec,
    text,
    ...(options.note ? { note: options.note } : {}),
    zone: options.zone,
    ...resolve(spec, options.zone),
  };
  return (spec.kind === 'relative_to_event' ? { ...base, eventAt: null } : base) as Due;
}

/** The parts of a due that a person chose (what the API accepts), without text and derived fields. */
const NOT_SPEC = new Set(['text', 'note', 'zone', 'precision', 'period', 'resolvesAt', 'eventAt']);

export function specOf(due: Due | DueSpec): DueSpec {
  return Object.fromEntries(Object.entries(due).filter(([key]) => !NOT_SPEC.has(key))) as DueSpec;
}

export function addDays(d: DateParts, days: number): DateParts {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * A relative due against the instant of its event (the conference's start or end), or unresolved
 * when the conference has no date yet. "3 days before" counts calendar days from the event's day
 * in `zone` and is due when that day ends: a conference on 08/3 makes "trước 03 ngày" due by the
 * end of 05/3. Other dues come back unchanged.
 */
export function resolveRelative(due: Due, eventInstant: Date | null, zone: string = due.zone): Due {
  if (due.kind !== 'relative_to_event') return due;
  assertZone(zone);
  if (!eventInstant) return { ...due, zone, resolvesAt: null, eventAt: null };
  const day = addDays(wallClock(eventInstant, zone), due.offsetDays);
  return { ...due, zone, resolvesAt: dayEnd(day, zone), eventAt: isoInZone(eventInstant, zone) };
}

/** A conference's schedule as relative dues need it; null while it has no date. */
export interface EventSchedule {
  start: Date | null;
  end: Date | null;
}

/** `resolveRelative` against the start or the end of a conference, whichever the due hangs on. */
export function resolveForSchedule(due: Due, schedule: EventSchedule, zone: string = due.zone): Due {
  if (due.kind !== 'relative_to_event') return due;
  return resolveRelative(due, due.event === 'conference_start' ? schedule.start : schedule.end, zone);
}

/**
 * The last calendar day (in the due's zone) on which it is still met: 24/02 for "chậm nhất ngày
 * 24/02", 31/8 for "trước ngày 01/9", 30/9 for "Tháng 9"; the day of the minute for `at_time`.
 */
export function lastDayOnTime(due: Due): DateParts | null {
  if (!due.resolvesAt) return null;
  const at = new Date(due.resolvesAt).getTime() - (due.precision === 'minute' ? 0 : 1);
  const { year, month, day } = wallClock(new Date(at), due.zone);
  return { year, month, day };
}
