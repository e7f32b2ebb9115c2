import { atTime, beforeDate, dateRange, onDate, PhraseReader, ScanContext } from './due.grammar';
import { halfYear, imprecise, months, ongoing, quarter, year } from './due.grammar-periods';
import { afterEvent, eventDay, recurring, relative } from './due.grammar-events';
import { DueSpec } from './due.model';
import { PhraseError, readDate } from './due.read-dates';
import { Cursor, Token } from './due.tokens';

/**
 * Finding the due phrases of one segment (a clause between ";" or sentence ends). At every word
 * all readers are tried and the longest phrase wins; words that no reader takes are free text
 * (an activity or a qualifier) and become the due's note. Document citations ("Quyết định số
 * 1648/QĐ-UBND ngày 30/11/2022") are skipped: their dates are not dues.
 */
const READERS: PhraseReader[] = [
  relative,
  eventDay,
  recurring,
  atTime,
  dateRange,
  beforeDate,
  onDate,
  months,
  quarter,
  halfYear,
  ongoing,
  year,
  afterEvent,
  imprecise,
];

export interface Found {
  from: number;
  to: number;
  specs: DueSpec[];
  takesEvent: boolean;
}

export interface Failure {
  rule: string;
  from: number;
  to: number;
  params: Record<string, unknown>;
}

export type Segment = [start: number, end: number];

/** Segments end at ";", a line break, or a full stop that is not inside a date ("01.9.2023"). */
export function splitSegments(tokens: readonly Token[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  tokens.forEach((token, i) => {
    if (token.type !== 'punct') return;
    const inDate =
      token.value === '.' &&
      tokens[i - 1]?.type === 'num' &&
      tokens[i + 1]?.type === 'num' &&
      !token.spaced &&
      !tokens[i + 1].spaced;
    if (!inDate && [';', '\n', '.', '!', '?'].includes(token.value)) {
      if (i > start) segments.push([start, i]);
      start = i + 1;
    }
  });
  if (start < tokens.length) segments.push([start, tokens.length]);
  return segments.filter(([s, e]) => tokens.slice(s, e).some((t) => t.type !== 'punct'));
}

/** "1648/QĐ-UBND", "45/2020/NĐ-CP ngày 08/4/2020": a document number, with its date if it has one. */
function citationEnd(tokens: readonly Token[], i: number, end: number): number | null {
  if (tokens[i].type !== 'num') return null;
  let j = i + 1;
  let slash = false;
  let word = false;
  while (
    j < end &&
    !tokens[j].spaced &&
    (tokens[j].type !== 'punct' || tokens[j].value === '/' || tokens[j].value === '-')
  ) {
    slash ||= tokens[j].value === '/';
    word ||= tokens[j].type === 'word';
    j += 1;
  }
  if (!slash || !word) return null;
  const dated = new Cursor(tokens, j, end);
  return dated.word('ngay') && readDate(dated) ? dated.i : j;
}

type Attempt = { end: number; match?: Found; failure?: Failure };

function attempt(
  reader: PhraseReader,
  tokens: readonly Token[],
  i: number,
  end: number,
  ctx: ScanContext,
): Attempt | null {
  try {
    const match = reader(new Cursor(tokens, i, end), ctx);
    return match && match.end > i
      ? { end: match.end, match: { from: i, to: match.end, specs: match.specs, takesEvent: !!match.takesEvent } }
      : null;
  } catch (error) {
    if (!(error instanceof PhraseError)) throw error;
    const to = Math.max(error.to, error.from + 1);
    return { end: to, failure: { rule: error.rule, from: error.from, to, params: error.params } };
  }
}

/** The longest reading at a word; a phrase beats an error of the same length. */
function longest(tokens: readonly Token[], i: number, end: number, ctx: ScanContext): Attempt | null {
  let best: Attempt | null = null;
  for (const reader of READERS) {
    const result = attempt(reader, tokens, i, end, ctx);
    if (result && (!best || result.end > best.end || (result.end === best.end && result.match && !best.match)))
      best = result;
  }
  return best;
}

const isWord = (token: Token | undefined, value: string) => token?.type === 'word' && token.value === value;
const isPunct = (token: Token | undefined, ...values: string[]) =>
  token?.type === 'punct' && values.includes(token.value);

/**
 * "dự kiến (:) tháng 9/2023", "tháng 9/2023 (dự kiến)" or "tháng 9/2023 dự kiến" closing the
 * clause: the phrase is tentative. The words join
 * the phrase, so they are kept as the mark and not repeated in the note.
 */
function tentativeMarked(tokens: readonly Token[], match: Found, start: number, end: number): Found {
  let from = match.from;
  if (isPunct(tokens[from - 1], ':') && from - 1 > start) from -= 1;
  if (from - 2 >= start && isWord(tokens[from - 2], 'du') && isWord(tokens[from - 1], 'kien'))
    return { ...match, from: from - 2, specs: match.specs.map((spec) => ({ ...spec, tentative: true })) };
  let to = match.to;
  const open = isPunct(tokens[to], '(');
  if (open) to += 1;
  if (to + 1 < end && isWord(tokens[to], 'du') && isWord(tokens[to + 1], 'kien')) {
    to += 2;
    // "Tháng 9/2023 dự kiến tổ chức …" starts another phrase: after the due, the words must close it.
    const closed = open ? isPunct(tokens[to], ')') : to >= end || tokens[to].type === 'punct';
    if (!closed) return match;
    if (open) to += 1;
    return { ...match, to, specs: match.specs.map((spec) => ({ ...spec, tentative: true })) };
  }
  return match;
}

export function scanSegment(text: string, tokens: readonly Token[], [start, end]: Segment, year?: number) {
  const ctx: ScanContext = {
    text,
    year,
    segmentStart: start,
    startsDue: (c) => c.i < c.end && longest(tokens, c.i, c.end, ctx) !== null,
  };
  const found: Found[] = [];
  const failures: Failure[] = [];
  for (let i = start; i < end;) {
    const skip = citationEnd(tokens, i, end);
    if (skip !== null) {
      i = skip;
      continue;
    }
    const best = tokens[i].type === 'punct' ? null : longest(tokens, i, end, ctx);
    if (best?.match?.specs.length) {
      found.push(tentativeMarked(tokens, best.match, start, end));
      best.end = found[found.length - 1].to;
    }
    if (best?.failure) failures.push(best.failure);
    i = best ? best.end : i + 1;
  }
  return { found, failures };
}
