import { nfc } from '../../common/text';
import { wallClock } from '../../common/zoned-time';
import { isYearInRange } from './due.calendar';
import { TEXT_PROBLEMS, WARNINGS } from './due.messages';
import { Due, DueContext, DueSpec, DueTextError, DueWarning, ParseDueResult } from './due.model';
import { assertZone, buildDue } from './due.resolve';
import { Failure, Found, scanSegment, Segment, splitSegments } from './due.scan';
import { Token, tokenize } from './due.tokens';

/**
 * `parseDue`: the due text of a plan cell → the dues it names, or the parts it could not read.
 * Nothing is guessed: a clause with no due in it, a date that does not exist, a "Quý I" without a
 * year (and no plan year in the context) are errors quoting the exact fragment and its position.
 * Words around a due are kept verbatim as its note.
 */
export const MAX_DUE_TEXT = 2000;

interface Draft {
  spec: DueSpec;
  text: string;
  note?: string;
  phrase: { start: number; end: number };
}

const SEPARATORS = new Set([',', '(', ')']);
const isSeparator = (t: Token) =>
  (t.type === 'punct' && SEPARATORS.has(t.value)) || (t.type === 'word' && t.value === 'va');
const REFERENCE_LEADS = ['thuc hien theo', 'tuy theo', 'can cu', 'theo'];

/** Free text as a note: NFC, single spaces, no markdown stars, no dangling punctuation or unmatched brackets. */
export function tidy(raw: string): string {
  let s = withoutUnmatchedBrackets(nfc(raw).replace(/\*+/g, '')).replace(/\s+/g, ' ');
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s.replace(/^[\s,;:.\-–—_/]+|[\s,;:\-–—_/]+$/g, '').replace(/\.+$/, '');
    // A note wholly in brackets, "(báo cáo quý IV)", loses them.
    const inner = s.slice(1, -1);
    if (s.startsWith('(') && s.endsWith(')') && withoutUnmatchedBrackets(inner) === inner) s = inner;
  }
  return s;
}

function withoutUnmatchedBrackets(s: string): string {
  const unmatched = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '(') open.push(i);
    else if (s[i] === ')' && open.pop() === undefined) unmatched.add(i);
  }
  open.forEach((i) => unmatched.add(i));
  return s
    .split('')
    .filter((_, i) => !unmatched.has(i))
    .join('');
}

class SegmentReader {
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  slice(from: number, to: number): string {
    return to > from ? this.text.slice(this.tokens[from].start, this.tokens[to - 1].end) : '';
  }

  error(rule: string, from: number, to: number, params: Record<string, unknown> = {}): DueTextError {
    const fragment = nfc(this.slice(from, to));
    const start = this.tokens[from].start;
    return {
      code: 'DUE_UNREADABLE',
      rule,
      fragment,
      position: start,
      length: this.tokens[to - 1].end - start,
      message: TEXT_PROBLEMS[rule]({ ...params, f: fragment }),
    };
  }

  /** The segment without the punctuation at its edges (brackets stay: `tidy` pairs them). */
  trimmed([start, end]: Segment): Segment {
    const loose = (t: Token) => t.type === 'punct' && t.value !== '(' && t.value !== ')';
    let s = start;
    let e = end;
    while (s < e && loose(this.tokens[s])) s += 1;
    while (e > s && loose(this.tokens[e - 1])) e -= 1;
    return [s, e];
  }

  /** A segment without a due: a reference to another document ("Theo quy định …"), or unreadable. */
  withoutDue(segment: Segment): Draft | DueTextError {
    const [s, e] = this.trimmed(segment);
    for (const lead of REFERENCE_LEADS) {
      const words = lead.split(' ');
      if (words.every((w, k) => this.tokens[s + k]?.value === w) && s + words.length < e) {
        const reference = tidy(this.slice(s + words.length, e));
        const text = tidy(this.slice(s, e));
        return {
          spec: { kind: 'per_reference', reference },
          text,
          phrase: { start: this.tokens[s].start, end: this.tokens[e - 1].end },
        };
      }
    }
    return this.error('noDue', s, e);
  }

  /** Splits the segment into one clause per phrase and keeps the free words as notes. */
  drafts(segment: Segment, found: Found[]): Array<Draft | DueTextError> {
    const [s, e] = this.trimmed(segment);
    const starts = [s];
    const ends: number[] = [];
    for (let k = 0; k + 1 < found.length; k += 1) {
      let split = -1;
      for (let j = found[k].to; j < found[k + 1].from; j += 1) if (isSeparator(this.tokens[j])) split = j;
      ends.push(split >= 0 ? split : found[k + 1].from);
      starts.push(split >= 0 ? split + 1 : found[k + 1].from);
    }
    ends.push(e);
    return found.flatMap((f, k) => this.clause(f, starts[k], ends[k]));
  }

  private clause(f: Found, start: number, end: number): Array<Draft | DueTextError> {
    const before = tidy(this.slice(start, f.from));
    const after = tidy(this.slice(f.to, end));
    const phrase = { start: this.tokens[f.from].start, end: this.tokens[f.to - 1].end };
    const text = tidy(this.slice(start, end));
    if (f.takesEvent) {
      if (!after) return [this.error('eventMissing', f.from, f.to)];
      const marks = f.specs[0]?.tentative ? { tentative: true } : {};
      return [
        { spec: { kind: 'after_event', event: after, ...marks }, text, ...(before ? { note: before } : {}), phrase },
      ];
    }
    const note = [before, after].filter(Boolean).join(' … ');
    return f.specs.map((spec) => ({ spec, text, ...(note ? { note } : {}), phrase }));
  }
}

/**
 * "Định kỳ …" without a frequency adds nothing when the same clause says how often; and right
 * before a period ("định kỳ tháng 7/2025") it names that period's report: one due, not two.
 */
function withoutVaguePeriodicity(found: Found[]): Found[] {
  const vague = (f: Found) => f.specs.every((s) => s.kind === 'recurring' && s.rule.frequency === 'unspecified');
  const precise = found.some((f) => !vague(f) && f.specs.some((s) => s.kind === 'recurring'));
  if (precise) return found.filter((f) => !vague(f));
  const merged: Found[] = [];
  for (let k = 0; k < found.length; k += 1) {
    const next = found[k + 1];
    if (vague(found[k]) && next && next.from === found[k].to && !vague(next) && !next.takesEvent) {
      merged.push({ ...next, from: found[k].from });
      k += 1;
    } else merged.push(found[k]);
  }
  return merged;
}

function checkContext(context: DueContext): void {
  assertZone(context.zone);
  if (context.year !== undefined && !isYearInRange(context.year))
    throw new RangeError(`not a plan year: ${context.year}`);
  if (context.referenceDate !== undefined && Number.isNaN(context.referenceDate.getTime()))
    throw new RangeError('referenceDate is not a valid date');
}

function wholeTextError(rule: string, text: string, params: Record<string, unknown> = {}): ParseDueResult {
  return {
    ok: false,
    errors: [
      {
        code: 'DUE_UNREADABLE',
        rule,
        fragment: '',
        position: 0,
        length: text.length,
        message: TEXT_PROBLEMS[rule](params),
      },
    ],
  };
}

export function parseDue(text: string, context: DueContext): ParseDueResult {
  checkContext(context);
  if (text.length > MAX_DUE_TEXT) return wholeTextError('tooLong', text, { max: MAX_DUE_TEXT });
  const tokens = tokenize(text);
  const segments = splitSegments(tokens);
  if (segments.length === 0) return wholeTextError('empty', text);
  const reader = new SegmentReader(text, tokens);
  const drafts: Draft[] = [];
  const errors: DueTextError[] = [];
  for (const segment of segments) {
    const { found, failures } = scanSegment(text, tokens, segment, context.year);
    if (failures.length > 0) {
      errors.push(...failures.map((f: Failure) => reader.error(f.rule, f.from, f.to, f.params)));
      continue;
    }
    const results =
      found.length === 0 ? [reader.withoutDue(segment)] : reader.drafts(segment, withoutVaguePeriodicity(found));
    for (const result of results) {
      if ('code' in result) errors.push(result);
      else drafts.push(result);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const dues = drafts.map((d) => buildDue(d.spec, { zone: context.zone, text: d.text, note: d.note }));
  const phrases = drafts.map(({ phrase }) => ({
    fragment: nfc(text.slice(phrase.start, phrase.end)),
    position: phrase.start,
  }));
  return { ok: true, dues, warnings: dueWarnings(dues, context, phrases) };
}

/**
 * Dues that fall before the plan's own date (001 dates two clusters a year before it was written).
 * `phrases` give the words and places of parsed dues; structured dues are quoted by their text.
 */
export function dueWarnings(
  dues: Due[],
  context: DueContext,
  phrases?: Array<{ fragment: string; position: number }>,
): DueWarning[] {
  const reference = context.referenceDate;
  if (!reference) return [];
  const day = wallClock(reference, context.zone);
  return dues.flatMap((due, k) => {
    if (!due.resolvesAt || new Date(due.resolvesAt).getTime() > reference.getTime()) return [];
    const where = phrases?.[k] ?? { fragment: due.text };
    return [
      {
        code: 'DUE_BEFORE_REFERENCE' as const,
        ...where,
        message: WARNINGS.beforeReference({ f: where.fragment, reference: day }),
      },
    ];
  });
}
