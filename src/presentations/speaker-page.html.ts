import { formatInZone } from '../common/zoned-time';
import { PresentationResponse, SubmissionResponse } from './presentations.dto';
import { SPEAKER_ERRORS, SPEAKER_PAGE, SpeakerPageText, STATUS_LABELS, UNIT_PAGE } from './presentations.messages';

/**
 * The speaker's page: plain HTML that works without JavaScript, Vietnamese by default, English on
 * request. Everything written into it is escaped; links are relative to `/speaker/`.
 */
export type PageLanguage = 'vi' | 'en';

export interface SpeakerPageView {
  token: string;
  language: PageLanguage;
  conference: { title: string; startsAt: Date | null; timeZone: string; clusterNumber: number | null };
  presentation: PresentationResponse;
  submissions: SubmissionResponse[];
  uploadedVersion?: number;
  maxBytes: number;
  /** On a unit's link: which of its presentations this page shows (kept in every link and form of the page). */
  unitPresentationId?: string;
}

/** The page's own address, relative to `/speaker/`, ready for `lang=`: `<token>?` or `<token>?p=<id>&amp;`. */
function self(view: { token: string; unitPresentationId?: string }): string {
  return `${escapeHtml(view.token)}?${view.unitPresentationId ? `p=${escapeHtml(view.unitPresentationId)}&amp;` : ''}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The pages' one inline style; the Content-Security-Policy allows it by its hash (app.setup.ts). */
export const SPEAKER_PAGE_STYLE = `body{font-family:system-ui,"Segoe UI",Arial,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
dl{display:grid;grid-template-columns:12rem 1fr;gap:.3rem 1rem}dt{font-weight:600}.note{background:#fff4d6;padding:.6rem .8rem;border-left:4px solid #e0a800}
.ok{background:#e6f4ea;padding:.6rem .8rem;border-left:4px solid #2e7d32}.late{color:#b00020;font-weight:600}nav{text-align:right}`;

function layout(language: PageLanguage, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${SPEAKER_PAGE_STYLE}</style></head>
<body>${body}</body></html>`;
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
}

function row(label: string, value: string | null): string {
  return value === null ? '' : `<dt>${escapeHtml(label)}</dt><dd>${value}</dd>`;
}

function details(view: SpeakerPageView, t: SpeakerPageText): string {
  const p = view.presentation;
  const lang = view.language;
  const { conference } = view;
  const when = conference.startsAt ? formatInZone(conference.startsAt, conference.timeZone, lang) : t.timeUnknown;
  const cluster = conference.clusterNumber !== null ? ` — ${t.cluster(conference.clusterNumber)}` : '';
  const pages =
    p.pages.min !== null || p.pages.max !== null ? escapeHtml(t.pagesValue(p.pages.min, p.pages.max)) : null;
  return `<dl>
${row(t.conference, escapeHtml(conference.title + cluster))}
${row(t.time, escapeHtml(when))}
${row(t.topic, escapeHtml(p.topic))}
${row(t.unit, escapeHtml(p.unit.name))}
${row(t.person, p.person ? escapeHtml(p.person.name) : null)}
${row(t.pages, pages)}
${row(t.talk, p.talkMinutes !== null ? escapeHtml(t.talkValue(p.talkMinutes)) : null)}
${row(t.receiving, p.receivingUnit ? escapeHtml(p.receivingUnit.name) : null)}
${row(t.due, `${escapeHtml(p.due.formatted[lang])} (${escapeHtml(p.due.deadline[lang])})`)}
${row(t.status, `<strong>${escapeHtml(STATUS_LABELS[p.status][lang])}</strong>`)}
${row(t.returnedComment, p.status === 'returned' && p.lastComment ? escapeHtml(p.lastComment) : null)}
</dl>`;
}

function versions(view: SpeakerPageView, t: SpeakerPageText): string {
  if (view.submissions.length === 0) return `<p>${escapeHtml(t.noVersions)}</p>`;
  const zone = view.conference.timeZone;
  const rows = view.submissions
    .map((s) => {
      const timeliness =
        s.late === null ? t.noDue : s.late ? `<span class="late">${escapeHtml(t.late)}</span>` : escapeHtml(t.onTime);
      const warnings = s.warnings.map((w) => `<br><small>${escapeHtml(w.message[view.language])}</small>`).join('');
      return `<tr><td>${s.version}</td><td><a href="${escapeHtml(view.token)}/files/${escapeHtml(s.id)}">${escapeHtml(s.fileName)}</a>${warnings}</td>
<td>${escapeHtml(megabytes(s.sizeBytes))}</td><td>${s.pageCount ?? '—'}</td><td>${escapeHtml(formatInZone(new Date(s.uploadedAt), zone, view.language))}</td><td>${timeliness}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>${t.version}</th><th>${t.file}</th><th>${t.size}</th><th>${t.pageCount}</th><th>${t.uploadedAt}</th><th>${t.timeliness}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function uploadForm(view: SpeakerPageView, t: SpeakerPageText): string {
  if (view.presentation.closed) return `<p class="note">${escapeHtml(t.closed)}</p>`;
  return `<form method="post" action="${self(view)}lang=${view.language}" enctype="multipart/form-data">
<p>${escapeHtml(t.uploadHint(megabytes(view.maxBytes)))}</p>
<p><input type="file" name="file" required accept=".pdf,.docx,.doc,.odt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text"></p>
<p><button type="submit">${escapeHtml(t.send)}</button></p></form>`;
}

export function renderSpeakerPage(view: SpeakerPageView): string {
  const t = SPEAKER_PAGE[view.language];
  const other: PageLanguage = view.language === 'vi' ? 'en' : 'vi';
  const latest = view.submissions[view.submissions.length - 1];
  const uploaded =
    view.uploadedVersion !== undefined ? `<p class="ok">${escapeHtml(t.uploaded(view.uploadedVersion))}</p>` : '';
  const notes =
    view.uploadedVersion !== undefined && latest?.warnings.length
      ? `<div class="note"><strong>${escapeHtml(t.warnings)}</strong><ul>${latest.warnings.map((w) => `<li>${escapeHtml(w.message[view.language])}</li>`).join('')}</ul></div>`
      : '';
  const list = view.unitPresentationId
    ? `<a href="${escapeHtml(view.token)}?lang=${view.language}">${escapeHtml(UNIT_PAGE[view.language].list)}</a> · `
    : '';
  const body = `<nav>${list}<a href="${self(view)}lang=${other}">${escapeHtml(t.other)}</a></nav>
<h1>${escapeHtml(t.title)}</h1>${uploaded}${notes}
${details(view, t)}
<h2>${escapeHtml(t.upload)}</h2>
${uploadForm(view, t)}
<h2>${escapeHtml(t.versions)}</h2>
${versions(view, t)}`;
  return layout(view.language, `${t.title} — ${view.presentation.topic}`, body);
}

export interface UnitPageView {
  token: string;
  language: PageLanguage;
  conference: { title: string; timeZone: string };
  unitName: string;
  presentations: PresentationResponse[];
}

/** The unit contact's page: every assignment of the unit in the conference, each linking to its own page. */
export function renderUnitPage(view: UnitPageView): string {
  const t = SPEAKER_PAGE[view.language];
  const u = UNIT_PAGE[view.language];
  const lang = view.language;
  const other: PageLanguage = lang === 'vi' ? 'en' : 'vi';
  const rows = view.presentations
    .map(
      (
        p,
      ) => `<tr><td><a href="${escapeHtml(view.token)}?p=${escapeHtml(p.id)}&amp;lang=${lang}">${escapeHtml(p.topic)}</a></td>
<td>${p.clusterNumber !== null ? escapeHtml(t.cluster(p.clusterNumber)) : '—'}</td><td>${escapeHtml(p.due.formatted[lang])}<br><small>${escapeHtml(p.due.deadline[lang])}</small></td>
<td>${escapeHtml(STATUS_LABELS[p.status][lang])}</td></tr>`,
    )
    .join('\n');
  const table =
    view.presentations.length === 0
      ? `<p>${escapeHtml(u.none)}</p>`
      : `<table><thead><tr><th>${escapeHtml(t.topic)}</th><th>${escapeHtml(u.cluster)}</th><th>${escapeHtml(t.due)}</th><th>${escapeHtml(t.status)}</th></tr></thead>
<tbody>${rows}</tbody></table>`;
  const body = `<nav><a href="${escapeHtml(view.token)}?lang=${other}">${escapeHtml(t.other)}</a></nav>
<h1>${escapeHtml(u.title(view.unitName))}</h1>
<dl>${row(t.conference, escapeHtml(view.conference.title))}</dl>
<p>${escapeHtml(u.intro)}</p>
${table}`;
  return layout(lang, u.title(view.unitName), body);
}

/** A refusal or an unknown link, as a page: the status code is the API's, the text the reader's. */
export function renderSpeakerProblem(
  language: PageLanguage,
  problem: { status: number; code: string; detail: string },
  token: string | null,
): string {
  const t = SPEAKER_PAGE[language];
  const invalid = problem.status === 404 || problem.status === 401;
  const title = invalid ? t.invalidTitle : t.errorTitle;
  const text = invalid ? t.invalid : (SPEAKER_ERRORS[problem.code]?.[language] ?? problem.detail);
  const back =
    token && !invalid ? `<p><a href="${escapeHtml(token)}?lang=${language}">${escapeHtml(t.back)}</a></p>` : '';
  return layout(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${back}`);
}
