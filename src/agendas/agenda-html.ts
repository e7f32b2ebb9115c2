import { dateInZone, timeInZone, wallClock } from '../common/zoned-time';
import { AGENDA_TEXT } from './agenda.messages';
import type { AgendaResponse, SlotResponse } from './agendas.dto';

export interface AgendaPage {
  agenda: AgendaResponse;
  clusterNumber: number | null;
  venue: string | null;
  language: 'vi' | 'en';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const WEEKDAYS_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** The page's one inline style; the Content-Security-Policy allows it by its hash (app.setup.ts). */
export const AGENDA_PAGE_STYLE = `
body { font-family: "Times New Roman", serif; margin: 2cm; }
h1 { text-align: center; font-size: 14pt; margin-bottom: 0.2em; }
p.sub { text-align: center; margin: 0.2em 0; }
table { width: 100%; border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; }
td.time { white-space: nowrap; }
tr.slot-break td { font-style: italic; }
tr.day td { font-weight: bold; }
ul.sub { margin: 0.3em 0 0 1.2em; padding: 0; }
p.place { margin: 0.3em 0 0; font-style: italic; }
`;

/**
 * The printable agenda, laid out like the plans' "DỰ KIẾN CHƯƠNG TRÌNH" table
 * (Thời gian / Nội dung / Thực hiện), times in the conference's zone.
 */
export function renderAgendaHtml({ agenda, clusterNumber, venue, language }: AgendaPage): string {
  const words = AGENDA_TEXT[language];
  const zone = agenda.timeZone;
  const session = agenda.session
    ? { startsAt: new Date(agenda.session.startsAt), endsAt: new Date(agenda.session.endsAt) }
    : null;
  const lines = [
    clusterNumber !== null ? words.cluster(clusterNumber) : null,
    session ? dayLine(session.startsAt, zone, language) : words.unscheduled,
    venue,
  ].filter((l): l is string => !!l);
  const days = new Set(agenda.slots.map((s) => dayLine(new Date(s.startsAt), zone, language)));
  const rows: string[] = [];
  let day: string | null = null;
  for (const s of agenda.slots) {
    // A two-day agenda says each day before its first slot, as the plans do.
    const slotDay = dayLine(new Date(s.startsAt), zone, language);
    if (days.size > 1 && slotDay !== day) rows.push(`<tr class="day"><td colspan="3">${escape(slotDay)}</td></tr>`);
    day = slotDay;
    const time = `${timeInZone(new Date(s.startsAt), zone)} – ${timeInZone(new Date(s.endsAt), zone)}`;
    rows.push(
      `<tr class="slot slot-${s.kind}"><td class="time">${time}</td><td>${content(s, words)}</td><td>${escape(s.performerLabel ?? '')}</td></tr>`,
    );
  }
  const body = rows.length > 0 ? rows.join('\n') : `<tr><td colspan="3">${escape(words.empty)}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escape(words.heading)} – ${escape(agenda.title)}</title>
<style>${AGENDA_PAGE_STYLE}</style>
</head>
<body>
<h1>${escape(words.heading)}</h1>
<p class="sub"><strong>${escape(agenda.title)}</strong></p>
${lines.map((l) => `<p class="sub">${escape(l)}</p>`).join('\n')}
<table>
<thead><tr><th>${escape(words.time)}</th><th>${escape(words.content)}</th><th>${escape(words.performer)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}

/** The title, then its sub-items (each with its performers) and the slot's place. */
function content(slot: SlotResponse, words: (typeof AGENDA_TEXT)[keyof typeof AGENDA_TEXT]): string {
  const items = slot.subItems.map(
    (i) => `<li>${escape(i.text)}${i.performerLabel ? ` (${escape(i.performerLabel)})` : ''}</li>`,
  );
  return [
    escape(slot.title),
    items.length > 0 ? `<ul class="sub">${items.join('')}</ul>` : '',
    slot.place ? `<p class="place">${escape(words.place)}: ${escape(slot.place)}</p>` : '',
  ].join('');
}

function dayLine(instant: Date, zone: string, language: 'vi' | 'en'): string {
  if (language === 'en') return dateInZone(instant, zone, 'en');
  return `${WEEKDAYS_VI[wallClock(instant, zone).weekday]}, ngày ${dateInZone(instant, zone, 'vi')}`;
}
