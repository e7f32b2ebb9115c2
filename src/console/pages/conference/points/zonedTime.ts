/**
 * What an organizer types for a test time — 14/04/2026 and 08:30, meant in the conference's zone —
 * as the instant the API takes: 2026-04-14T08:30:00+07:00. The browser's own zone plays no part.
 * Anything that is not a real date and time is sent as typed, so that the API's rule names it at
 * the field.
 */
export function zonedInstant(date: string, time: string, zone: string): string {
  const typed = `${date.trim()} ${time.trim()}`.trim();
  const d = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(date.trim());
  const tm = /^(\d{1,2})[:hg.](\d{2})$/.exec(time.trim());
  if (!d || !tm) return typed;
  const [day, month, year, hour, minute] = [d[1], d[2], d[3], tm[1], tm[2]].map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23) return typed;
  // The zone's offset at that wall time: read a guess in the zone and correct it (twice covers DST edges).
  let instant = wall;
  for (let i = 0; i < 2; i++) instant += wall - wallOf(new Date(instant), zone);
  const offset = Math.round((wall - instant) / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The wall-clock reading of an instant in a zone, as if it were UTC (milliseconds). */
function wallOf(instant: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
}
