import { singleLine } from '../../common/text';
import {
  dateFault,
  daysInMonth,
  isYearInRange,
  parseLocalDate,
  parseYearMonth,
  toLocalDate,
  toYearMonth,
} from './due.calendar';
import { Language } from './due.format';
import { FIELD_PROBLEMS } from './due.messages';
import {
  Due,
  DUE_KINDS,
  DueFieldProblem,
  DueKind,
  DueSpec,
  FREQUENCIES,
  Frequency,
  MONTH_PARTS,
  RecurrenceRule,
  RELATIVE_EVENTS,
} from './due.model';
import { buildDue } from './due.resolve';

/**
 * The structured form of a due, as the API accepts it in JSON, checked member by member and
 * turned into the same model `parseDue` gives. Contradictions (30/02, month 13, quarter 5, a range
 * that ends before it starts) are refused with the field and the rule. Derived members
 * (`precision`, `period`, `resolvesAt`, `zone`, `eventAt`) may be sent back as received: they are
 * recomputed, never trusted.
 */
export interface ValidateOptions {
  zone: string;
  /** Path of the due in the request body, for messages: "due", "dues[2]". */
  field?: string;
  language?: Language;
}

export type ValidateDueResult = { ok: true; due: Due } | { ok: false; errors: DueFieldProblem[] };

const DERIVED = ['precision', 'period', 'resolvesAt', 'zone', 'eventAt'];
const KIND_FIELDS: Record<DueKind, string[]> = {
  on_date: ['date', 'latest'],
  before_date: ['date'],
  at_time: ['date', 'time'],
  date_range: ['from', 'to'],
  month: ['month', 'part'],
  months: ['months'],
  quarter: ['year', 'quarter', 'through', 'part'],
  half_year: ['year', 'half'],
  year: ['year', 'part'],
  ongoing: ['year'],
  recurring: ['rule', 'year'],
  relative_to_event: ['event', 'offsetDays'],
  after_event: ['event'],
  per_reference: ['reference'],
};
const RULE_FIELDS: Record<Frequency, string[]> = {
  monthly: ['frequency', 'day', 'before', 'label'],
  quarterly: ['frequency', 'label'],
  half_yearly: ['frequency', 'label'],
  yearly: ['frequency', 'month', 'day', 'before', 'label'],
  unspecified: ['frequency', 'label'],
};
const MAX_TEXT = 1000;
const MAX_WORDS = 500;
const MAX_OFFSET_DAYS = 366;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the members of one object, collecting a problem per bad member. */
class Members {
  constructor(
    readonly value: Record<string, unknown>,
    readonly path: string,
    readonly problems: DueFieldProblem[],
    readonly language: Language,
  ) {}

  field(key: string): string {
    return `${this.path}.${key}`;
  }

  fail(key: string, rule: string, params: Record<string, unknown> = {}): undefined {
    const field = this.field(key);
    this.problems.push({ field, rule, message: FIELD_PROBLEMS[rule]({ field, ...params })[this.language] });
    return undefined;
  }

  only(allowed: string[], kind: string): void {
    for (const key of Object.keys(this.value)) if (!allowed.includes(key)) this.fail(key, 'unknownProperty', { kind });
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  required(key: string): unknown {
    return this.has(key) ? this.value[key] : this.fail(key, 'isDefined');
  }

  text(key: string, max: number, required = true): string | undefined {
    if (!required && !this.has(key)) return undefined;
    const v = this.required(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') return this.fail(key, 'isString');
    const text = singleLine(v);
    if (!text) return this.fail(key, 'isNotEmpty');
    return text.length > max ? this.fail(key, 'maxLength', { max }) : text;
  }

  int(key: string, min: number, max: number, required = true): number | undefined {
    if (!required && !this.has(key)) return undefined;
    const v = this.required(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(key, 'isInt');
    return v < min || v > max ? this.fail(key, 'range', { min, max }) : v;
  }

  year(key: string, required = true): number | undefined {
    return this.int(key, 1900, 2199, required);
  }

  bool(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    return typeof this.value[key] === 'boolean' ? this.value[key] : this.fail(key, 'isBoolean');
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const v = this.required(key);
    if (v === undefined) return undefined;
    return values.includes(v as T) ? (v as T) : this.fail(key, 'isIn', { values });
  }

  date(key: string): string | undefined {
    const v = this.required(key);
    if (v === undefined) return undefined;
    const parts = typeof v === 'string' ? parseLocalDate(v) : null;
    if (!parts) return this.fail(key, 'isDateString');
    const fault = dateFault(parts);
    if (fault?.rule === 'year') return this.fail(key, 'range', { min: 1900, max: 2199 });
    if (fault?.rule === 'month') return this.fail(key, 'month', { month: parts.month });
    if (fault) return this.fail(key, 'calendarDate', { ...parts, max: fault.rule === 'day' ? fault.max : 0 });
    return toLocalDate(parts);
  }

  yearMonth(key: string, v: unknown = this.required(key)): string | undefined {
    if (v === undefined) return undefined;
    const parts = typeof v === 'string' ? parseYearMonth(v) : null;
    if (!parts) return this.fail(key, 'isYearMonth');
    if (!isYearInRange(parts.year)) return this.fail(key, 'range', { min: 1900, max: 2199 });
    if (parts.month < 1 || parts.month > 12) return this.fail(key, 'month', { month: parts.month });
    return toYearMonth(parts.year, parts.month);
  }

  time(key: string): string | undefined {
    const v = this.required(key);
    if (v === undefined) return undefined;
    const m = typeof v === 'string' ? /^(\d{2}):(\d{2})$/.exec(v) : null;
    if (!m) return this.fail(key, 'isTime');
    return +m[1] > 23 || +m[2] > 59 ? this.fail(key, 'time') : m[0];
  }
}

function readMonths(m: Members): string[] | undefined {
  const v = m.required('months');
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length < 2) return m.fail('months', 'arrayMinSize', { min: 2 });
  const list = v.map((item, k) => m.yearMonth(`months[${k}]`, item));
  if (list.some((item) => item === undefined)) return undefined;
  return list.some((item, k) => k > 0 && item! <= list[k - 1]!) ? m.fail('months', 'ascending') : (list as string[]);
}

function readRule(m: Members): RecurrenceRule | undefined {
  const v = m.required('rule');
  if (v === undefined) return undefined;
  if (!isObject(v)) return m.fail('rule', 'isObject');
  const r = new Members(v, m.field('rule'), m.problems, m.language);
  const frequency = r.oneOf('frequency', FREQUENCIES);
  if (!frequency) return undefined;
  r.only(RULE_FIELDS[frequency], `recurring/${frequency}`);
  const label = r.text('label', 200, false);
  const rule: Record<string, unknown> = { frequency, ...(label ? { label } : {}) };
  if (frequency === 'monthly' || frequency === 'yearly') {
    const month = frequency === 'yearly' ? r.int('month', 1, 12, false) : undefined;
    const day = r.int('day', 1, 31, false);
    const before = r.bool('before');
    if (frequency === 'yearly' && r.has('month') !== r.has('day'))
      r.fail(r.has('day') ? 'month' : 'day', 'dayNeedsMonth');
    if (before !== undefined && !r.has('day')) r.fail('before', 'beforeNeedsDay');
    if (month !== undefined && day !== undefined) checkYearlyDay(r, month, day);
    if (day !== undefined)
      Object.assign(rule, { ...(month !== undefined ? { month } : {}), day, before: before ?? false });
  }
  return rule as RecurrenceRule;
}

function checkYearlyDay(r: Members, month: number, day: number): void {
  if (month === 2 && day === 29) r.fail('day', 'yearlyLeapDay');
  else if (day > daysInMonth(2001, month)) r.fail('day', 'range', { min: 1, max: daysInMonth(2001, month) });
}

/** "cuối quý", "cuối năm": a quarter or year takes only the late part (its own end). */
function latePart(m: Members): { part?: 'late' } {
  if (!m.has('part')) return {};
  if (m.value.part === 'late') return { part: 'late' };
  m.fail('part', 'partOfPeriod');
  return {};
}

/** The spec of a kind. Members that fail leave a problem behind, and the caller then drops the spec. */
function readSpec(kind: DueKind, m: Members): DueSpec {
  switch (kind) {
    case 'on_date':
      return { kind, date: m.date('date')!, latest: m.bool('latest') ?? false };
    case 'before_date':
      return { kind, date: m.date('date')! };
    case 'at_time':
      return { kind, date: m.date('date')!, time: m.time('time')! };
    case 'date_range': {
      const from = m.date('from')!;
      const to = m.date('to')!;
      if (from && to && to < from) m.fail('to', 'rangeOrder', { from, to });
      return { kind, from, to };
    }
    case 'month': {
      const part = m.has('part') ? m.oneOf('part', MONTH_PARTS) : undefined;
      return { kind, month: m.yearMonth('month')!, ...(part ? { part } : {}) };
    }
    case 'months':
      return { kind, months: readMonths(m)! };
    case 'quarter': {
      const quarter = m.int('quarter', 1, 4)!;
      const through = m.int('through', 1, 4, false);
      if (quarter && through !== undefined && through <= quarter)
        m.fail('through', 'after', { other: `${m.path}.quarter` });
      return { kind, year: m.year('year')!, quarter, ...(through !== undefined ? { through } : {}), ...latePart(m) };
    }
    case 'half_year':
      return { kind, year: m.year('year')!, half: m.int('half', 1, 2)! };
    case 'year':
      return { kind, year: m.year('year')!, ...latePart(m) };
    case 'ongoing':
      return { kind, year: m.year('year')! };
    case 'recurring': {
      const rule = readRule(m)!;
      const year = m.year('year', false);
      if (rule?.frequency === 'yearly' && year !== undefined) m.fail('year', 'yearlyWithinYear');
      return { kind, rule, ...(year !== undefined ? { year } : {}) };
    }
    case 'relative_to_event': {
      const offsetDays = m.int('offsetDays', -MAX_OFFSET_DAYS, MAX_OFFSET_DAYS)!;
      return { kind, event: m.oneOf('event', RELATIVE_EVENTS)!, offsetDays: offsetDays === 0 ? 0 : offsetDays };
    }
    case 'after_event':
      return { kind, event: m.text('event', MAX_WORDS)! };
    case 'per_reference':
      return { kind, reference: m.text('reference', MAX_WORDS)! };
  }
}

export function validateDue(input: unknown, options: ValidateOptions): ValidateDueResult {
  const path = options.field ?? 'due';
  const language = options.language ?? 'vi';
  const problems: DueFieldProblem[] = [];
  if (!isObject(input)) {
    return {
      ok: false,
      errors: [{ field: path, rule: 'isObject', message: FIELD_PROBLEMS.isObject({ field: path })[language] }],
    };
  }
  const m = new Members(input, path, problems, language);
  const kind = m.oneOf('kind', DUE_KINDS);
  if (!kind) return { ok: false, errors: problems };
  m.only(['kind', 'text', 'note', 'tentative', ...DERIVED, ...KIND_FIELDS[kind]], kind);
  const text = m.text('text', MAX_TEXT, false);
  const note = m.text('note', MAX_TEXT, false);
  const tentative = m.bool('tentative');
  const spec = readSpec(kind, m);
  if (problems.length > 0) return { ok: false, errors: problems };
  const marked: DueSpec = tentative ? { ...spec, tentative: true } : spec;
  return { ok: true, due: buildDue(marked, { zone: options.zone, text, note }) };
}

/** A list of structured dues ("dues[0]", "dues[1]"…); every problem of every item is reported. */
export function validateDues(
  input: unknown,
  options: ValidateOptions,
): { ok: true; dues: Due[] } | { ok: false; errors: DueFieldProblem[] } {
  const path = options.field ?? 'dues';
  if (!Array.isArray(input)) {
    const one = validateDue(input, { ...options, field: path });
    return one.ok ? { ok: true, dues: [one.due] } : one;
  }
  const results = input.map((item, k) => validateDue(item, { ...options, field: `${path}[${k}]` }));
  const errors = results.flatMap((r) => (r.ok ? [] : r.errors));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, dues: results.map((r) => (r as { due: Due }).due) };
}
