import { LocalDate, YearMonth } from './due.model';

/** Calendar arithmetic on wall-clock dates; no zones, no instants. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function toLocalDate({ year, month, day }: DateParts): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function toYearMonth(year: number, month: number): YearMonth {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** `YYYY-MM-DD` → parts, or null when the shape is wrong (the day itself is not checked). */
export function parseLocalDate(text: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m ? { year: +m[1], month: +m[2], day: +m[3] } : null;
}

export function parseYearMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m ? { year: +m[1], month: +m[2] } : null;
}

export function compareDates(a: DateParts, b: DateParts): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The month `count` months after (or before) the given one. */
export function addMonths(year: number, month: number, count: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** First and last month of a quarter (1–4) or a half-year (1–2). */
export function quarterMonths(quarter: number): [number, number] {
  return [quarter * 3 - 2, quarter * 3];
}

export function halfYearMonths(half: number): [number, number] {
  return half === 1 ? [1, 6] : [7, 12];
}

/** What is wrong with a day of the calendar, or null: month 13, day 0, 30/02, 29/02 outside leap years. */
export type DateFault =
  | { rule: 'year'; year: number }
  | { rule: 'month'; month: number }
  | { rule: 'day'; day: number; max: number; month: number; year: number };

export function dateFault({ year, month, day }: DateParts): DateFault | null {
  if (!isYearInRange(year)) return { rule: 'year', year };
  if (!Number.isInteger(month) || month < 1 || month > 12) return { rule: 'month', month };
  const max = daysInMonth(year, month);
  if (!Number.isInteger(day) || day < 1 || day > max) return { rule: 'day', day, max, month, year };
  return null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date, counted on UTC days so no zone plays a part. */
export function weekdayOf({ year, month, day }: DateParts): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}
