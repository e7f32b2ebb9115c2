import { escapeHtml, LetterPlace, placeLine, timeLine } from './invitation-letter';
import { ANSWER_LABELS, ANSWER_PAGE, Language } from './invitation.messages';
import type { Answer } from './invitation.entity';

/**
 * The delegate's answer page: plain HTML, one form, no JavaScript. It always shows the current
 * state (a moved time, a new room, a cancellation), whichever of the person's links was opened.
 */
export interface AnswerPageView {
  language: Language;
  formAction: string;
  title: string;
  recipient: string;
  start: Date | null;
  end: Date | null;
  timeZone: string;
  place: LetterPlace;
  answer: Answer | null;
  substituteName: string | null;
  state: 'open' | 'closed' | 'cancelled' | 'withdrawn';
  saved?: boolean;
}

/** The pages' one inline style; the Content-Security-Policy allows it by its hash (app.setup.ts). */
export const ANSWER_PAGE_STYLE = `body{font-family:system-ui,"Segoe UI",Arial,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
fieldset{border:1px solid #bbb;margin:1rem 0}label{display:block;margin:.3rem 0}.note{background:#fff4d6;padding:.6rem;border-left:4px solid #e0a800}
.ok{background:#e6f4ea;padding:.6rem;border-left:4px solid #2e7d32}nav{text-align:right}`;

function choice(value: string, label: string, current: string | null): string {
  return `<label><input type="radio" name="answer" value="${value}"${current === value ? ' checked' : ''} required> ${escapeHtml(label)}</label>`;
}

function form(view: AnswerPageView): string {
  const t = ANSWER_PAGE[view.language];
  return `<form method="post" action="${escapeHtml(view.formAction)}">
<input type="hidden" name="lang" value="${view.language}">
<fieldset><legend>${escapeHtml(t.yourAnswer)}</legend>
${choice('accepted', t.accept, view.answer)}
${choice('declined', t.decline, view.answer)}
${choice('tentative', t.tentative, view.answer)}
${choice('substitute', t.substitute, null)}
</fieldset>
<fieldset><legend>${escapeHtml(t.substitute)}</legend>
<label>${escapeHtml(t.substituteName)} <input name="substituteName" maxlength="200"></label>
<label>${escapeHtml(t.substitutePosition)} <input name="substitutePosition" maxlength="300"></label>
<label>${escapeHtml(t.substituteEmail)} <input type="email" name="substituteEmail" maxlength="254"></label>
</fieldset>
<label>${escapeHtml(t.note)} <textarea name="note" maxlength="1000"></textarea></label>
<p><button type="submit">${escapeHtml(t.submit)}</button></p>
</form>`;
}

function stateNote(view: AnswerPageView): string {
  const t = ANSWER_PAGE[view.language];
  if (view.state === 'cancelled') return `<p class="note">${escapeHtml(t.cancelled)}</p>`;
  if (view.state === 'withdrawn') return `<p class="note">${escapeHtml(t.withdrawn)}</p>`;
  if (view.state === 'closed') return `<p class="note">${escapeHtml(t.closed)}</p>`;
  if (view.answer === 'delegated' && view.substituteName)
    return `<p class="note">${escapeHtml(t.delegatedTo(view.substituteName))}</p>`;
  return '';
}

export function renderAnswerPage(view: AnswerPageView): string {
  const t = ANSWER_PAGE[view.language];
  const other: Language = view.language === 'vi' ? 'en' : 'vi';
  const when = view.start && view.end ? timeLine(view.start, view.end, view.timeZone, view.language) : '';
  const answer = ANSWER_LABELS[view.language][view.answer ?? 'none'];
  const open = view.state === 'open' && view.answer !== 'delegated';
  return `<!DOCTYPE html>
<html lang="${view.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t.title)}: ${escapeHtml(view.title)}</title><style>${ANSWER_PAGE_STYLE}</style></head>
<body>
<nav><a href="?lang=${other}">${escapeHtml(t.otherLanguage)}</a></nav>
<h1>${escapeHtml(view.title)}</h1>
<p>${escapeHtml(view.recipient)}</p>
<p><b>${escapeHtml(when)}</b></p>
<p>${escapeHtml(placeLine(view.place))}</p>
${view.saved ? `<p class="ok">${escapeHtml(t.saved)}</p>` : ''}
${stateNote(view)}
<p>${escapeHtml(t.yourAnswer)}: <b data-answer="${view.answer ?? 'none'}">${escapeHtml(answer)}</b></p>
${open ? form(view) : ''}
</body></html>
`;
}

/** A refusal (409, 422, 404) as a page, for a browser that posted the form; the API keeps problem+json. */
export function renderAnswerProblem(
  language: Language,
  problem: { status: number; detail: string },
  backTo: string | null,
): string {
  const t = ANSWER_PAGE[language];
  const back = backTo ? `<p><a href="${escapeHtml(backTo)}">${escapeHtml(t.back)}</a></p>` : '';
  return `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(t.title)}</title><style>${ANSWER_PAGE_STYLE}</style></head>
<body>
<p class="note">${escapeHtml(problem.status === 404 ? t.notFound : problem.detail)}</p>
${back}
</body></html>
`;
}
