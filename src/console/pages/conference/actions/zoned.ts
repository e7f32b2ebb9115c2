import { instantIn } from '../../../format';

/**
 * A date (dd/mm/yyyy) and a time (HH:mm) read in the conference's zone → the instant with that
 * zone's offset, as the API takes it: 10/04/2026 08:00 in Asia/Ho_Chi_Minh →
 * 2026-04-10T08:00:00+07:00. Anything unreadable is sent as typed, so the API names the field.
 */
export function zonedInstant(date: string, time: string, zone: string): string {
  const d = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(date.trim());
  const h = /^(\d{1,2})[:h.](\d{2})$/.exec(time.trim());
  if (!d || !h) return `${date.trim()} ${time.trim()}`.trim();
  const wall = Date.UTC(+d[3], +d[2] - 1, +d[1], +h[1], +h[2]);
  // The zone's offset at that wall time: guess, then correct once (enough across a DST change).
  let offset = offsetAt(wall, zone);
  offset = offsetAt(wall - offset * 60_000, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${d[3]}-${pad(+d[2])}-${pad(+d[1])}T${pad(+h[1])}:${h[2]}:00`;
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetAt(instant: number, zone: string): number {
  const { date, time } = instantIn(new Date(instant).toISOString(), zone);
  const [day, month, year] = date.split('/').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return Math.round((Date.UTC(year, month - 1, day, hour, minute) - Math.floor(instant / 60_000) * 60_000) / 60_000);
}
