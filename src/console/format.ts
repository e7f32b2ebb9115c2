/** Dates as Vietnamese offices write them: dd/mm/yyyy, 24-hour times, in the conference's zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, instant: Date): Record<string, string> {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** 2026-03-08T07:30:00+07:00 in Asia/Ho_Chi_Minh → { date: '08/03/2026', time: '07:30' }. */
export function instantIn(iso: string, zone: string): { date: string; time: string } {
  const p = partsIn(zone, new Date(iso));
  return { date: `${p.day}/${p.month}/${p.year}`, time: `${p.hour}:${p.minute}` };
}

/** '08/03/2026 07:30 – 11:30', or both dates when the end falls on another day. */
export function timeRange(startsAt: string, endsAt: string, zone: string): string {
  const start = instantIn(startsAt, zone);
  const end = instantIn(endsAt, zone);
  return start.date === end.date
    ? `${start.date} ${start.time} – ${end.time}`
    : `${start.date} ${start.time} – ${end.date} ${end.time}`;
}

/** A calendar date or a partial plan date: 2026-03-06 → 06/03/2026, 2026-03 → 03/2026, 2026 → 2026. */
export function localDate(text: string): string {
  return text.split('-').reverse().join('/');
}

export function dateRange(from: string, to: string): string {
  return from === to ? localDate(from) : `${localDate(from)} – ${localDate(to)}`;
}
