import { compareDates, DateParts, toLocalDate } from './due.calendar';
import { DueSpec } from './due.model';
import {
  checkDate,
  completeDate,
  listedYear,
  PhraseError,
  RawDate,
  readDate,
  ReadContext,
  readTime,
  yearOf,
} from './due.read-dates';
import { Cursor, Token } from './due.tokens';

/**
 * The phrases a due is written with, one reader each: dates, times and ranges here; calendar
 * periods in due.grammar-periods.ts; recurring, relative and event phrases in due.grammar-events.ts. A reader gets a cursor at
 * a word and answers the specs it read and where it stopped, null when the words are not its
 * phrase, or throws a PhraseError when they are its phrase but wrong (30/02, quý V, no year).
 */
export interface PhraseMatch {
  end: number;
  /** Empty for words read together that name no due ("báo cáo quý IV"): they stay free text. */
  specs: DueSpec[];
  /** "sau khi …": the words that follow are the event. */
  takesEvent?: boolean;
}

export interface ScanContext extends ReadContext {
  /** The text as given: some checks look at the original letters ("Quý" vs "quy định"). */
  text: string;
  /** Index of the segment's first token. */
  segmentStart: number;
  /** True when a due phrase starts at the cursor (used to end free-text labels). */
  startsDue: (c: Cursor) => boolean;
}

export type PhraseReader = (c: Cursor, ctx: ScanContext) => PhraseMatch | null;

export const raw = (ctx: ScanContext, token: Token) => ctx.text.slice(token.start, token.end);
export const one = (c: Cursor, spec: DueSpec): PhraseMatch => ({ end: c.i, specs: [spec] });

/** Only these words (and punctuation) come before the phrase in its segment: some phrases are dues only at the start. */
export function ledOnlyBy(c: Cursor, ctx: ScanContext, from: number, words: string[]): boolean {
  for (let k = ctx.segmentStart; k < from; k += 1) {
    const token = c.tokens[k];
    if (token.type === 'num' || (token.type === 'word' && !words.includes(token.value))) return false;
  }
  return true;
}

/** "báo cáo quý IV", "Kế hoạch tháng 9": a period right after these words names a document, not a due. */
const DOCUMENT_NOUNS = ['bao cao', 'ke hoach', 'chuong trinh'];
export function namesADocument(c: Cursor, from: number): boolean {
  const [a, b] = [c.tokens[from - 2], c.tokens[from - 1]];
  return !!a && !!b && DOCUMENT_NOUNS.includes(`${a.value} ${b.value}`);
}

/** A bare date ("24/02/2023") counts only with a slash or a year: "4-6 trang" is not a date. */
const plainDateOk = (d: RawDate) =>
  d.hasNgay || d.weekday !== undefined || d.separator === '/' || d.yearToken !== undefined;

const LATEST = [
  'cham nhat',
  'muon nhat',
  'han chot',
  'khong muon hon',
  'khong qua',
  'den het',
  'toi het',
  'het',
  'den',
  'toi',
];

/** "Ngày 30/10/2023", "chậm nhất ngày 24/02/2023", "24/02/2023". */
export const onDate: PhraseReader = (c, ctx) => {
  c.word('trong', 'vao');
  const latest = c.word(...LATEST) !== null;
  if (latest) c.word('la', 'vao');
  const d = readDate(c);
  if (!d || (!latest && !plainDateOk(d))) return null;
  return one(c, { kind: 'on_date', date: toLocalDate(completeDate(d, ctx, listedYear(c, d))), latest });
};

/** "trước ngày 28/02/2023", "Trước ngày 01/9/2023", "trước ngày 30 tháng 6" (with the plan's year). */
export const beforeDate: PhraseReader = (c, ctx) => {
  if (!c.word('truoc')) return null;
  const d = readDate(c);
  return d ? one(c, { kind: 'before_date', date: toLocalDate(completeDate(d, ctx, listedYear(c, d))) }) : null;
};

/** "lúc 13 giờ 30 phút ngày 05 tháng 4 năm 2023", "13h30, Thứ Tư, ngày 05/4/2023", "ngày 05/4/2023 lúc 13:30". */
export const atTime: PhraseReader = (c, ctx) => {
  c.word('truoc', 'cham nhat', 'vao', 'den');
  c.word('luc');
  const timeFirst = c.attempt(() => {
    // "(8h30) ngày 15/3": the scan starts after the opening bracket, so the closing one is optional here.
    c.punct('(');
    const time = readTime(c);
    if (!time) return null;
    c.punct(')');
    c.punct(',');
    const d = readDate(c);
    return d ? { time, d } : null;
  });
  const found =
    timeFirst ??
    c.attempt(() => {
      const d = readDate(c);
      if (!d || !plainDateOk(d)) return null;
      c.punct(',');
      c.word('luc', 'vao luc');
      // "ngày 15/3/2023 (8h30)": the time in brackets after the date belongs to it.
      const time = bracketed(c, () => {
        c.word('luc');
        return readTime(c);
      });
      return time ? { time, d } : null;
    });
  if (!found) return null;
  const { time, d } = found;
  const hhmm = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
  return one(c, { kind: 'at_time', date: toLocalDate(completeDate(d, ctx)), time: hhmm });
};

/**
 * "từ ngày 06 đến ngày 10 tháng 3 năm 2023", "từ 06/3 đến 10/3/2023", "06/3/2023 - 10/3/2023",
 * "(6-7/12/2015)", "27–28/3/2024", and with the number of days stated: "trong 02 ngày 27–28/3",
 * "trong 2 ngày (6-7/12/2015)" — the count must agree with the range (`dayCount`).
 */
export const dateRange: PhraseReader = (c, ctx) => {
  const from = c.i;
  c.word('trong khoang thoi gian', 'trong thoi gian', 'trong khoang');
  const stated = readDayCount(c);
  const range = bracketed(c, () => readRange(c, ctx, from));
  if (!range) return null;
  const actual = daysBetween(range.first, range.last) + 1;
  if (stated !== null && stated !== actual) throw new PhraseError('dayCount', from, c.i, { stated, actual });
  return one(c, { kind: 'date_range', from: toLocalDate(range.first), to: toLocalDate(range.last) });
};

function readRange(c: Cursor, ctx: ScanContext, from: number): { first: DateParts; last: DateParts } | null {
  const tu = c.word('tu') !== null;
  const startDate = c.attempt(() => readDate(c));
  const startDay = startDate ? null : readDayOnly(c, tu);
  if (!startDate && !startDay) return null;
  if (!c.word('den', 'toi') && !c.punct('-')) return null;
  c.word('het');
  const end = readDate(c);
  if (!end || (!tu && !plainDateOk(end))) return null;
  const endYear = yearOf(end.yearToken ?? startDate?.yearToken, undefined, ctx, from, c.i);
  const last = completeDate(end, ctx, endYear);
  const first = startDate
    ? completeDate(startDate, ctx, endYear)
    : { year: last.year, month: last.month, day: startDay!.day };
  if (startDay) checkDate(first, startDay.from, startDay.to);
  if (compareDates(first, last) > 0) throw new PhraseError('rangeOrder', from, c.i);
  return { first, last };
}

/** "trong 02 ngày": how many days the range that follows should cover. */
function readDayCount(c: Cursor): number | null {
  return c.attempt(() => {
    if (!c.word('trong')) return null;
    const n = c.num(2);
    return n && c.word('ngay') ? +n.value : null;
  });
}

/** A reading, optionally in brackets: "(8h30)", "(6-7/12/2015)". An unclosed bracket is not it. */
function bracketed<T>(c: Cursor, read: () => T | null): T | null {
  return c.attempt(() => {
    const open = c.punct('(') !== null;
    const value = read();
    return value !== null && (!open || c.punct(')')) ? value : null;
  });
}

const daysBetween = (a: DateParts, b: DateParts) =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

/**
 * "(ngày) 06" before "đến", or "6" right before a dash ("6-7/12/2015", "27–28/3"): a day whose
 * month and year come from the end of the range.
 */
function readDayOnly(c: Cursor, tu: boolean): { day: number; from: number; to: number } | null {
  return c.attempt(() => {
    const from = c.i;
    const ngay = c.word('ngay') !== null;
    const day = c.num(2);
    const dashed = c.peek()?.type === 'punct' && c.peek()!.value === '-';
    return day && (ngay || tu || dashed) ? { day: +day.value, from, to: c.i } : null;
  });
}
