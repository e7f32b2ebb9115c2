/**
 * A plan's issue date as written, which may be partial: "ngày … tháng 3 năm 2023" is "2023-03".
 * Stored as text (YYYY, YYYY-MM or YYYY-MM-DD); compared by the first and last day it may mean.
 */
export interface PlanDate {
  year: number;
  month?: number;
  day?: number;
}

const FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePlanDate(text: string): PlanDate | null {
  const match = FORMAT.exec(text);
  if (!match) return null;
  const [year, month, day] = [
    Number(match[1]),
    match[2] ? Number(match[2]) : undefined,
    match[3] ? Number(match[3]) : undefined,
  ];
  if (year < 1900 || year > 2200) return null;
  if (month !== undefined && (month < 1 || month > 12)) return null;
  if (day !== undefined && (day < 1 || day > daysIn(year, month!))) return null;
  return { year, month, day };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first calendar day the date may mean, as YYYY-MM-DD: "2023-03" → "2023-03-01". */
export function earliestDay(date: PlanDate): string {
  return `${date.year}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}`;
}

/** "13/02/2023", "tháng 3/2023", "năm 2023" (vi) or "13/02/2023", "03/2023", "2023" (en). */
export function formatPlanDate(date: PlanDate, language: 'vi' | 'en'): string {
  if (date.day !== undefined) return `${pad(date.day)}/${pad(date.month!)}/${date.year}`;
  if (date.month !== undefined)
    return language === 'vi' ? `tháng ${date.month}/${date.year}` : `${pad(date.month)}/${date.year}`;
  return language === 'vi' ? `năm ${date.year}` : String(date.year);
}
