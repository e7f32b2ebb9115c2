import { toYearMonth } from './due.calendar';
import { MonthPart } from './due.model';
import { ledOnlyBy, namesADocument, one, PhraseMatch, PhraseReader, raw, ScanContext } from './due.grammar';
import { PhraseError, readYearSuffix, yearOf } from './due.read-dates';
import { Cursor, Token } from './due.tokens';

/**
 * Calendar periods: "Tháng 9 năm 2023", "Tháng 10, 11 năm 2023", "Quý III/2023", "6 tháng đầu năm
 * 2023", "Trong năm 2023", "Thường xuyên trong năm"; a part of one month ("đầu / giữa / cuối tháng
 * 9/2023") or the end of a quarter or year ("cuối quý III", "cuối năm 2023") kept as `part`; and
 * the vague ones refused ("đầu quý II", "giữa năm 2024").
 */
/** "báo cáo quý IV", "Kế hoạch tháng 9/2023": the words are read together, but they name a document, not a due. */
const named = (c: Cursor): PhraseMatch => ({ end: c.i, specs: [] });

const PERIOD_PREFIXES = ['trong suot', 'trong ca', 'trong', 'vao', 'ca', 'suot', 'den het', 'het'];

const PARTS: Record<string, MonthPart> = { dau: 'early', giua: 'mid', cuoi: 'late' };

/** "đầu", "giữa", "cuối" before a period; "bắt đầu" is a verb, not a part. */
function readPart(c: Cursor): MonthPart | null {
  if (c.i > 0 && c.tokens[c.i - 1].value === 'bat') return null;
  const word = c.word('dau', 'giua', 'cuoi');
  return word ? PARTS[word] : null;
}

interface MonthItem {
  month: Token;
  year?: Token;
  from: number;
  to: number;
  span: boolean;
}

/** "Tháng 9 năm 2023", "Tháng 01/2023", "Tháng 10, 11 năm 2023", "từ tháng 10 đến tháng 12/2023". */
export const months: PhraseReader = (c, ctx) => {
  const from = c.i;
  const prefixed = c.word(...PERIOD_PREFIXES) !== null;
  const part = readPart(c);
  const tu = !part && c.word('tu') !== null;
  const first = c.attempt(() => (c.word('thang') ? readMonthItem(c, false, from) : null));
  if (!first) return null;
  const items = [first];
  for (;;) {
    // A separator counts only when another month follows it: "Tháng 9 năm 2023 và Quý IV" stops before "và".
    const next = c.attempt(() => {
      const comma = c.punct(',');
      const dash = comma ? null : c.punct('-');
      const word = comma || dash ? null : c.word('va', 'den', 'toi');
      if (!comma && !dash && !word) return null;
      c.word('het');
      const at = c.i;
      c.word('thang');
      return readMonthItem(c, dash !== null || word === 'den' || word === 'toi', at);
    });
    if (!next) break;
    items.push(next);
  }
  if (!prefixed && !tu && !part && namesADocument(c, from)) return named(c);
  const list = monthList(items, ctx, from, c.i);
  // "cuối tháng 10, 11": a part of several months names no one day.
  if (part && list.length > 1) throw new PhraseError('imprecise', from, c.i);
  if (list.length > 1) return one(c, { kind: 'months', months: list });
  return one(c, { kind: 'month', month: list[0], ...(part ? { part } : {}) });
};

/** One month of a list; `from` is where its words start ("tháng 13/2023" is quoted whole). */
function readMonthItem(c: Cursor, span: boolean, from: number): MonthItem | null {
  return c.attempt(() => {
    const month = c.num(2);
    if (!month) return null;
    // "15/11", "15 tháng 11": a date, not a month.
    if (c.sees('thang') || (c.peek()?.value === '/' && c.peek(1)?.type === 'num' && c.peek(1)!.value.length <= 2))
      return null;
    const year = readYearSuffix(c) ?? undefined;
    return { month, year, from, to: c.i, span };
  });
}

function monthList(items: MonthItem[], ctx: ScanContext, from: number, to: number): string[] {
  const resolved = items.map((item, k) => {
    const month = +item.month.value;
    if (month < 1 || month > 12) throw new PhraseError('month', item.from, item.to, { month });
    // A month without a year takes the year written after it: "tháng 10, 11 năm 2023".
    const later = items.slice(k).find((other) => other.year)?.year;
    const year = later ? yearOf(later, undefined, ctx, item.from, to) : yearOf(undefined, undefined, ctx, from, to);
    return { year, month, span: item.span };
  });
  const list: string[] = [];
  let previous: { year: number; month: number } | undefined;
  for (const item of resolved) {
    if (item.span && previous) {
      for (let m = previous.year * 12 + previous.month; m < item.year * 12 + item.month - 1; m += 1) {
        list.push(toYearMonth(Math.floor(m / 12), (m % 12) + 1));
      }
    }
    list.push(toYearMonth(item.year, item.month));
    previous = item;
  }
  if (list.some((m, k) => k > 0 && m <= list[k - 1])) throw new PhraseError('monthOrder', from, to);
  return list;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const QUARTER_WORDS = ['quý', 'quí', 'quy', 'qui'];

interface Numeral {
  value: number;
  raw: string;
  lowerCaseWord: boolean;
  /** Follows "-" or "đến" (a span) rather than "," or "và" (a list). */
  span?: boolean;
}

/** "I", "IV", "iii", "2": a quarter's numeral, valid or not (checked by the caller). */
function readNumeral(c: Cursor, ctx: ScanContext): Numeral | null {
  const token = c.peek();
  if (
    !token ||
    !((token.type === 'word' && /^[ivxlc]+$/.test(token.value)) || (token.type === 'num' && token.value.length === 1))
  )
    return null;
  c.i += 1;
  const text = raw(ctx, token);
  return {
    value: token.type === 'num' ? +token.value : (ROMAN[token.value] ?? 0),
    raw: text,
    lowerCaseWord: token.type === 'word' && text !== text.toUpperCase(),
  };
}

/**
 * "Quý I/2023", "Quý III năm 2023", "quý 1/2023", "trong Quý I" (with the plan's year), and
 * consecutive quarters "Quý I-II/2023", "Quý II và III năm 2023".
 */
export const quarter: PhraseReader = (c, ctx) => {
  const from = c.i;
  const prefixed = c.word(...PERIOD_PREFIXES) !== null;
  const part = readPart(c);
  // "đầu quý", "giữa quý": no definite day (the imprecise reader refuses them).
  if (part && part !== 'late') return null;
  const word = c.peek();
  // "quy định" is not a quarter: the word must be "quý" (or unaccented) and a numeral follow.
  if (!word || !QUARTER_WORDS.includes(raw(ctx, word).normalize('NFC').toLowerCase())) return null;
  c.i += 1;
  const numerals = [readNumeral(c, ctx)];
  if (!numerals[0]) return null;
  for (;;) {
    const next = c.attempt(() => {
      const comma = c.punct(',');
      const span = !comma && (c.punct('-') !== null || c.word('den', 'toi') !== null);
      if (!comma && !span && !c.word('va')) return null;
      c.word('quy', 'qui');
      const numeral = readNumeral(c, ctx);
      return numeral && { ...numeral, span };
    });
    if (!next) break;
    numerals.push(next);
  }
  const yearToken = readYearSuffix(c) ?? undefined;
  const list = numerals as Numeral[];
  // A lower-case numeral that is no quarter ("quý vị") is another word, unless a year follows.
  if (list.length === 1 && !list[0].value && list[0].lowerCaseWord && !yearToken) return null;
  if (!prefixed && !part && namesADocument(c, from)) return named(c);
  const bad = list.find((n) => n.value < 1 || n.value > 4);
  if (bad) throw new PhraseError('quarter', from, c.i, { quarter: bad.raw });
  // "I-IV" spans; "I, II" must list quarters that follow one another, or it would hide a gap.
  const broken = (n: Numeral, k: number) =>
    k > 0 && (n.span ? n.value <= list[k - 1].value : n.value !== list[k - 1].value + 1);
  if (list.some(broken)) throw new PhraseError('quarterOrder', from, c.i);
  const year = yearOf(yearToken, undefined, ctx, from, c.i);
  const last = list[list.length - 1].value;
  return one(c, {
    kind: 'quarter',
    year,
    quarter: list[0].value,
    ...(last > list[0].value ? { through: last } : {}),
    ...(part ? { part } : {}),
  });
};

/** "6 tháng đầu năm 2023", "sáu tháng cuối năm", "nửa đầu năm 2024". */
export const halfYear: PhraseReader = (c, ctx) => {
  const from = c.i;
  const prefixed = c.word('trong') !== null;
  const six = c.attempt(() => {
    const n = c.num(2);
    return (n ? +n.value === 6 : c.word('sau')) && c.word('thang') ? true : null;
  });
  if (!six && !c.word('nua')) return null;
  const which = c.word('dau', 'cuoi');
  if (!which || !c.word('nam')) return null;
  const yearToken = c.num() ?? readYearSuffix(c) ?? undefined;
  if (!prefixed && namesADocument(c, from)) return named(c);
  return one(c, {
    kind: 'half_year',
    year: yearOf(yearToken, undefined, ctx, from, c.i),
    half: which === 'dau' ? 1 : 2,
  });
};

/** "Trong năm 2023", "trong năm" (with the plan's year), and "Năm 2023" when it opens the segment. */
export const year: PhraseReader = (c, ctx) => {
  const from = c.i;
  const prefix = c.word(...PERIOD_PREFIXES, 'tu');
  const part = prefix === 'tu' ? null : readPart(c);
  if (part && part !== 'late') return null;
  if (!prefix && !part && !ledOnlyBy(c, ctx, from, [])) return null;
  if (!c.word('nam')) return null;
  const yearToken = c.num() ?? undefined;
  if (!prefix && !part && !yearToken) return null;
  // "năm 2023 - 2024", "từ năm 2023 đến năm 2025": several years, no single deadline to read.
  const span = c.attempt(() => {
    if (!yearToken || (!c.punct('-') && !c.word('den', 'toi'))) return null;
    c.word('het');
    c.word('nam');
    return c.num(4);
  });
  if (span) throw new PhraseError('yearSpan', from, c.i);
  return one(c, { kind: 'year', year: yearOf(yearToken, undefined, ctx, from, c.i), ...(part ? { part } : {}) });
};

/** "Thường xuyên trong năm (2023)"; a bare "Thường xuyên" only when it is the due of its segment. */
export const ongoing: PhraseReader = (c, ctx) => {
  const from = c.i;
  if (!c.word('thuong xuyen')) return null;
  const within = c.attempt(() =>
    c.word('trong ca', 'trong suot', 'trong', 'ca', 'suot') && c.word('nam') ? true : null,
  );
  if (!within && !ledOnlyBy(c, ctx, from, ['thuc', 'hien'])) return null;
  const yearToken = within ? (c.num() ?? undefined) : undefined;
  return one(c, { kind: 'ongoing', year: yearOf(yearToken, undefined, ctx, from, c.i) });
};

/** "đầu quý II", "giữa năm 2024": no definite deadline, refused rather than guessed (a month's part is read by `months`). */
export const imprecise: PhraseReader = (c) => {
  const from = c.i;
  if (c.i > 0 && c.tokens[c.i - 1].value === 'bat') return null;
  c.word('trong', 'vao');
  if (!c.word('dau', 'giua')) return null;
  if (!readVaguePeriod(c)) return null;
  readYearSuffix(c);
  throw new PhraseError('imprecise', from, c.i);
};

function readVaguePeriod(c: Cursor): boolean {
  if (c.word('quy', 'qui')) {
    const numeral = c.peek();
    if (!numeral || !(numeral.type === 'num' || /^[ivx]+$/.test(numeral.value))) return false;
    c.i += 1;
    return true;
  }
  if (!c.word('nam')) return false;
  c.num();
  return true;
}
