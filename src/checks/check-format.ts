import { dateInZone, formatInZone, wallClock } from '../common/zoned-time';

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of an instant in a zone, YYYY-MM-DD (comparable as text). */
export function localDay(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export const dayText = (instant: Date, zone: string) => ({
  vi: dateInZone(instant, zone, 'vi'),
  en: dateInZone(instant, zone, 'en'),
});

export const momentText = (instant: Date, zone: string) => ({
  vi: formatInZone(instant, zone, 'vi'),
  en: formatInZone(instant, zone, 'en'),
});

/** "2023-03-06" as a plan writes it: "06/3/2023". */
export function localDayText(day: string): { vi: string; en: string } {
  const [y, m, d] = day.split('-').map(Number);
  return { vi: `${pad(d)}/${m}/${y}`, en: `${d}/${m}/${y}` };
}
