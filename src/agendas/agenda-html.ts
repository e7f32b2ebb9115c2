import { dateInZone, timeInZone, wallClock } from '../common/zoned-time';
import { AGENDA_TEXT } from './agenda.messages';
import type { AgendaResponse } from './agendas.dto';

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
  const rows = agenda.slots.map((s) => {
    const time = `${timeInZone(new Date(s.startsAt), zone)} – ${timeInZone(new Date(s.endsAt), zone)}`;
    return `<tr class="slot slot-${s.kind}"><td class="time">${time}</td><td>${escape(s.title)}</td><td>${escape(s.performer.label ?? '')}</td></tr>`;
  });
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

function dayLine(instant: Date, zone: string, language: 'vi' | 'en'): string {
  if (language === 'en') return dateInZone(instant, zone, 'en');
  return `${WEEKDAYS_VI[wallClock(instant, zone).weekday]}, ngày ${dateInZone(instant, zone, 'vi')}`;
}
