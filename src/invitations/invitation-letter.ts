import { safeHttpLink } from '../common/http-link';
import { singleLine } from '../common/text';
import { formatInZone, timeInZone } from '../common/zoned-time';
import type { CitedDocument } from '../conferences/plan-facts.dto';
import { Language, LETTER, LetterKind } from './invitation.messages';
import { citationLine } from './letter-citations';

/**
 * The invitation letter (Giấy mời) as HTML and plain text: issuing unit, reference, subject,
 * content, time in the conference's zone, the recipient's own site as the place, composition and
 * contact. Pure: the renderer loads the data, this only writes it.
 */
export interface LetterPlace {
  name: string;
  room: string | null;
  address: string | null;
  meetingLink: string | null;
}

export interface LetterView {
  language: Language;
  kind: LetterKind;
  issuingUnit: string | null;
  reference: string | null;
  title: string;
  recipient: { name: string; position: string | null };
  contentItems: string[];
  chair: string | null;
  /** Đồng chủ trì, named after the chair (the plan's words, else the person's name). */
  coChairs?: string[];
  /** Who chairs at the recipient's own bridge point (chủ trì tại điểm cầu), said with the place. */
  pointChair?: string | null;
  start: Date;
  end: Date;
  timeZone: string;
  place: LetterPlace;
  composition: string | null;
  contact: { name: string | null; phone: string | null };
  answerUrl: string | null;
  reason?: string | null;
  /** The person a substitute attends in place of (Cử người dự thay). */
  replaces?: { name: string; position: string | null } | null;
  /** The substitute this recipient named: their letter is for information only. */
  passedOnTo?: string | null;
  /** What the plan cites ("Thực hiện Kế hoạch số …"): said before the invitation, as a letter does. */
  citedDocuments?: CitedDocument[];
}

export interface RenderedLetter {
  subject: string;
  text: string;
  html: string;
}

/** A letter that takes the invitation back (the meeting's cancellation, or one person's withdrawal): no answer is asked. */
const takesBack = (kind: LetterKind) => kind === 'cancel' || kind === 'withdrawn';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "Điểm cầu huyện Núi Thành — Phòng họp trực tuyến, tầng 3 — https://…": the calendar's LOCATION. */
export function placeLine(place: LetterPlace): string {
  return [place.name, place.room, place.address, place.meetingLink]
    .filter((part): part is string => !!part && part.trim() !== '')
    .join(' — ');
}

/** "07 giờ 30 phút, Thứ Tư, ngày 08/3/2023 – 11:30". */
export function timeLine(start: Date, end: Date, zone: string, language: Language): string {
  return `${formatInZone(start, zone, language)} – ${timeInZone(end, zone)}`;
}

interface Field {
  label: string;
  value: string;
  href?: string;
}

function fields(view: LetterView): Field[] {
  const t = LETTER[view.language];
  const list: Field[] = [];
  if (view.contentItems.length)
    list.push({ label: t.content, value: view.contentItems.map((c, i) => `${i + 1}. ${c}`).join('\n') });
  if (view.chair) list.push({ label: t.chair, value: view.chair });
  if (view.coChairs?.length) list.push({ label: t.coChairs, value: view.coChairs.join('\n') });
  list.push({ label: t.time, value: timeLine(view.start, view.end, view.timeZone, view.language) });
  if (view.place.name) list.push({ label: t.place, value: view.place.name });
  if (view.place.room) list.push({ label: t.room, value: view.place.room });
  if (view.place.address) list.push({ label: t.address, value: view.place.address });
  if (view.pointChair) list.push({ label: t.pointChair, value: view.pointChair });
  if (view.place.meetingLink) {
    // Checked again here: a link stored before links were checked is shown as text, never as a link.
    const href = safeHttpLink(view.place.meetingLink);
    list.push({ label: t.meetingLink, value: singleLine(view.place.meetingLink), href: href ?? undefined });
  }
  const composition = view.composition ?? view.recipient.position;
  if (composition) list.push({ label: t.composition, value: composition });
  if (view.contact.name || view.contact.phone) {
    list.push({
      label: t.contact,
      value: [view.contact.name, view.contact.phone ? `${t.phone} ${view.contact.phone}` : null]
        .filter(Boolean)
        .join(', '),
    });
  }
  if (takesBack(view.kind) && view.reason) list.push({ label: t.reason, value: view.reason });
  return list;
}

/** Who the recipient replaces, or whom they sent in their place: one sentence each, after the title. */
function delegationNotes(view: LetterView): string[] {
  const t = LETTER[view.language];
  const notes: string[] = [];
  if (view.replaces)
    notes.push(
      t.replaces(view.replaces.position ? `${view.replaces.name} — ${view.replaces.position}` : view.replaces.name),
    );
  if (view.passedOnTo && !takesBack(view.kind)) notes.push(t.passedOn(view.passedOnTo));
  return notes;
}

function salutation(view: LetterView): string {
  const t = LETTER[view.language];
  return `${t.to}: ${view.recipient.name}${view.recipient.position ? ` — ${view.recipient.position}` : ''}`;
}

/** "Thực hiện …; Căn cứ …;" one line per document, before the invitation itself. */
function citations(view: LetterView): string[] {
  return (view.citedDocuments ?? []).map((d) => `${citationLine(d, view.language)};`);
}

export function renderText(view: LetterView): string {
  const t = LETTER[view.language];
  const lines: string[] = [...t.motto, ''];
  if (view.issuingUnit) lines.push(view.issuingUnit.toUpperCase());
  if (view.reference) lines.push(`${t.reference}: ${view.reference}`);
  const cited = citations(view);
  lines.push('', t.heading[view.kind], '', salutation(view), '', ...cited, ...(cited.length ? [''] : []));
  lines.push(`${t.intro[view.kind]}:`, view.title, '');
  for (const note of delegationNotes(view)) lines.push(note, '');
  for (const f of fields(view)) lines.push(`${f.label}: ${f.value}`);
  if (!takesBack(view.kind) && view.answerUrl) lines.push('', t.answerHint, view.answerUrl);
  if (takesBack(view.kind)) lines.push('', view.kind === 'withdrawn' ? t.withdrawn : t.cancelled);
  return `${lines.join('\n')}\n`;
}

export function renderHtml(view: LetterView): string {
  const t = LETTER[view.language];
  const rows = fields(view)
    .map((f) => {
      const value = escapeHtml(f.value).replace(/\n/g, '<br>');
      const cell = f.href ? `<a href="${escapeHtml(f.href)}">${value}</a>` : value;
      return `<tr><th style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">${escapeHtml(f.label)}</th><td style="padding:4px 0">${cell}</td></tr>`;
    })
    .join('\n');
  const answer =
    !takesBack(view.kind) && view.answerUrl
      ? `<p>${escapeHtml(t.answerHint)}</p>\n<p><a href="${escapeHtml(view.answerUrl)}" style="font-weight:bold">${escapeHtml(t.answer)}</a></p>`
      : `<p><b>${escapeHtml(view.kind === 'withdrawn' ? t.withdrawn : t.cancelled)}</b></p>`;
  return `<!DOCTYPE html>
<html lang="${view.language}"><head><meta charset="utf-8"><title>${escapeHtml(t.heading[view.kind])}</title></head>
<body style="font-family:'Times New Roman',serif;font-size:14pt;max-width:42rem">
<p style="text-align:center;margin:0"><b>${escapeHtml(t.motto[0])}</b><br>${escapeHtml(t.motto[1])}</p>
${view.issuingUnit ? `<p style="font-weight:bold;text-transform:uppercase;margin:0">${escapeHtml(view.issuingUnit)}</p>` : ''}
${view.reference ? `<p style="margin:0">${escapeHtml(t.reference)}: ${escapeHtml(view.reference)}</p>` : ''}
<h1 style="text-align:center;font-size:16pt">${escapeHtml(t.heading[view.kind])}</h1>
<p>${escapeHtml(salutation(view))}</p>
${citations(view)
  .map((line) => `<p>${escapeHtml(line)}</p>\n`)
  .join('')}<p>${escapeHtml(t.intro[view.kind])}:</p>
<p style="font-weight:bold">${escapeHtml(view.title)}</p>
${delegationNotes(view)
  .map((note) => `<p>${escapeHtml(note)}</p>\n`)
  .join('')}<table>
${rows}
</table>
${answer}
</body></html>
`;
}

export function renderLetter(view: LetterView): RenderedLetter {
  return {
    subject: LETTER[view.language].subject[view.kind](view.title),
    text: renderText(view),
    html: renderHtml(view),
  };
}
