import { DateParts, dateFault, isYearInRange, weekdayOf } from './due.calendar';
import { Cursor, Token } from './due.tokens';

/**
 * Readers for the pieces every due phrase is built from: a date ("01/9/2023", "ngày 05 tháng 4
 * năm 2023", "Thứ Tư, ngày 08/3/2023"), a time ("13 giờ 30 phút", "13h30", "13:30"), a year suffix
 * ("/2023", "năm 2023"). They read syntax; `completeDate` then checks the calendar and throws a
 * `PhraseError` naming the tokens at fault.
 */
export class PhraseError extends Error {
  constructor(
    readonly rule: string,
    readonly from: number,
    readonly to: number,
    readonly params: Record<string, unknown> = {},
  ) {
    super(rule);
  }
}

/** What the phrase readers need to know about the plan. */
export interface ReadContext {
  year?: number;
}

export interface RawDate {
  day: number;
  month: number;
  yearToken?: Token;
  weekday?: number;
  /** "/" "." "-" for numeric dates, "thang" for worded ones. */
  separator: string;
  hasNgay: boolean;
  from: number;
  to: number;
}

const WEEKDAY_WORDS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };

function readWeekday(c: Cursor): number | null {
  return c.attempt(() => {
    if (c.word('chu nhat')) return 7;
    if (!c.word('thu')) return null;
    const next = c.peek();
    if (next?.type === 'word' && next.value in WEEKDAY_WORDS) {
      c.i += 1;
      return WEEKDAY_WORDS[next.value];
    }
    const n = c.num(1);
    return n && +n.value >= 2 && +n.value <= 7 ? +n.value - 1 : null;
  });
}

/** A number followed by a tight separator: "30/" "01." "06-" (the slash may have spaces around it). */
function readSeparator(c: Cursor): string | null {
  const token = c.peek();
  if (token?.type !== 'punct') return null;
  if (token.value === '/') return c.punct('/') && '/';
  if (
    (token.value === '.' || token.value === '-') &&
    !token.spaced &&
    c.peek(1)?.type === 'num' &&
    !c.peek(1)!.spaced
  ) {
    c.i += 1;
    return token.value;
  }
  return null;
}

function readNumericTail(c: Cursor): { month: number; separator: string; yearToken?: Token } | null {
  const separator = readSeparator(c);
  if (!separator) return null;
  const month = c.num(2);
  if (!month) return null;
  const yearToken = c.attempt(() => (readSeparator(c) === separator ? c.num() : null)) ?? undefined;
  // "1648/QĐ-UBND", "30/11/2023/x": part of a document number, not a date.
  const next = c.peek();
  if (next && !next.spaced && (next.type !== 'punct' || next.value === '/')) return null;
  return { month: +month.value, separator, yearToken };
}

function readWordedTail(c: Cursor): { month: number; yearToken?: Token } | null {
  if (!c.word('thang')) return null;
  const month = c.num(2);
  if (!month) return null;
  const yearToken = readYearSuffix(c) ?? undefined;
  return { month: +month.value, yearToken };
}

/**
 * A day of the calendar, with or without its year, after an optional weekday and "ngày". Callers
 * decide whether a bare "30/6" is enough where they stand (`hasNgay`, `separator`).
 */
export function readDate(c: Cursor): RawDate | null {
  return c.attempt(() => {
    const from = c.i;
    const weekday = readWeekday(c) ?? undefined;
    if (weekday !== undefined) c.punct(',');
    const hasNgay = c.word('ngay') !== null;
    const day = c.num(2);
    if (!day) return null;
    const numeric = c.attempt(() => readNumericTail(c));
    const tail = numeric ?? c.attempt(() => readWordedTail(c));
    if (!tail) return null;
    const separator = numeric ? numeric.separator : 'thang';
    return {
      day: +day.value,
      month: tail.month,
      yearToken: tail.yearToken,
      weekday,
      separator,
      hasNgay,
      from,
      to: c.i,
    };
  });
}

/**
 * "ngày 30/11 và 15/12/2023": a day written without its year takes the year of the date listed
 * right after it, as "Tháng 10, 11 năm 2023" does for months. Reads ahead without moving.
 */
export function listedYear(c: Cursor, d: RawDate): number | undefined {
  if (d.yearToken) return undefined;
  const at = c.i;
  const next = c.punct(',') || c.word('va', 'hoac') ? readDate(c) : null;
  c.i = at;
  const token = next?.yearToken;
  return token && token.value.length === 4 ? +token.value : undefined;
}

/** "/2023", "-2023", "năm 2023", ", năm 2023": the year token, unchecked. */
export function readYearSuffix(c: Cursor): Token | null {
  return c.attempt(() => {
    // After a dash only a long number is a year: "tháng 10 - 11" lists months.
    if (c.punct('/')) return c.num();
    if (c.punct('-')) {
      const year = c.num();
      return year && year.value.length >= 3 ? year : null;
    }
    c.punct(',');
    return c.word('nam') ? c.num() : null;
  });
}

/** A year written out: four digits within 1900–2199. */
export function checkYear(token: Token, from: number, to: number): number {
  if (token.value.length !== 4) throw new PhraseError('yearFormat', from, to);
  const year = +token.value;
  if (!isYearInRange(year)) throw new PhraseError('year', from, to, { year });
  return year;
}

/** The year of a phrase: its own, the one it borrows from a neighbour, or the plan's. */
export function yearOf(
  token: Token | undefined,
  fallback: number | undefined,
  ctx: ReadContext,
  from: number,
  to: number,
): number {
  if (token) return checkYear(token, from, to);
  const year = fallback ?? ctx.year;
  if (year === undefined) throw new PhraseError('yearNeeded', from, to);
  return year;
}

/** The date a raw date names, checked against the calendar and its weekday. */
export function completeDate(raw: RawDate, ctx: ReadContext, fallbackYear?: number): DateParts {
  const year = yearOf(raw.yearToken, fallbackYear, ctx, raw.from, raw.to);
  const date = { year, month: raw.month, day: raw.day };
  checkDate(date, raw.from, raw.to);
  const actual = weekdayOf(date);
  if (raw.weekday !== undefined && raw.weekday !== actual) {
    throw new PhraseError('weekday', raw.from, raw.to, { date, actual, given: raw.weekday });
  }
  return date;
}

export function checkDate(date: DateParts, from: number, to: number): void {
  const fault = dateFault(date);
  if (fault) throw new PhraseError(fault.rule, from, to, { ...date, ...fault });
}

export interface RawTime {
  hour: number;
  minute: number;
}

const MINUTE_MARKS = ['’', "'", '′', '‘'];

/** "13 giờ 30 phút", "13 giờ", "13h30", "13g", "13:30", "07h30’", "7 giờ 30'". */
export function readTime(c: Cursor): RawTime | null {
  return c.attempt(() => {
    const from = c.i;
    const hour = c.num(2);
    if (!hour) return null;
    let minute: Token | null = null;
    if (c.tight() && c.punct(':')) {
      minute = c.tight() ? c.num(2) : null;
      if (!minute) return null;
    } else if (c.word('gio', 'h', 'g')) {
      minute = c.num(2);
      // Plans mark the minutes with a prime as often as with "phút": "07h30’", "7 giờ 30'".
      if (minute && !c.word('phut')) c.punct(...MINUTE_MARKS);
    } else {
      return null;
    }
    const time = { hour: +hour.value, minute: minute ? +minute.value : 0 };
    if (time.hour > 23 || time.minute > 59) throw new PhraseError('time', from, c.i);
    return time;
  });
}
