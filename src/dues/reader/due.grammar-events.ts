import { daysInMonth } from './due.calendar';
import { one, PhraseReader, ScanContext } from './due.grammar';
import { DueSpec, RecurrenceRule, RelativeEvent } from './due.model';
import { PhraseError, RawDate, readDate, yearOf } from './due.read-dates';
import { Cursor } from './due.tokens';

/**
 * Phrases that repeat or hang on an event: "Định kỳ hàng tháng", "trước ngày 30 tháng 6 đối với
 * báo cáo 6 tháng", "trước 03 ngày diễn ra Hội nghị", "Sau khi UBND tỉnh ban hành …".
 */
const EVERY: Record<string, RecurrenceRule['frequency']> = { thang: 'monthly', quy: 'quarterly', nam: 'yearly' };

/** "hàng tháng", "hằng quý", "mỗi năm". */
function readEvery(c: Cursor): RecurrenceRule[] | null {
  return c.attempt(() => {
    if (!c.word('hang', 'moi')) return null;
    const unit = c.word('thang', 'quy', 'nam');
    return unit ? [{ frequency: EVERY[unit] }] : null;
  });
}

/** After "định kỳ": "6 tháng", "06 tháng, năm" (half-yearly and yearly reports). */
function readHalfYearly(c: Cursor): RecurrenceRule[] | null {
  return c.attempt(() => {
    const n = c.num(2);
    if (!(n ? +n.value === 6 : c.word('sau')) || !c.word('thang')) return null;
    const yearly = c.attempt(() => {
      if (!c.punct(',') && !c.word('va')) return null;
      c.word('hang');
      return c.word('nam') ? true : null;
    });
    return yearly ? [{ frequency: 'half_yearly' }, { frequency: 'yearly' }] : [{ frequency: 'half_yearly' }];
  });
}

const DAY_PREFIX = ['truoc', 'cham nhat', 'vao', 'den'];

/** "trước ngày 20 hàng tháng", "ngày 05 hằng tháng". */
function readMonthDay(c: Cursor): RecurrenceRule[] | null {
  return c.attempt(() => {
    const from = c.i;
    const before = c.word(...DAY_PREFIX) === 'truoc';
    if (!c.word('ngay')) return null;
    const day = c.num(2);
    if (!day || !c.word('hang', 'moi') || !c.word('thang')) return null;
    if (+day.value < 1 || +day.value > 31) throw new PhraseError('dayOfMonth', from, c.i, { day: +day.value });
    return [{ frequency: 'monthly', day: +day.value, before }];
  });
}

/** "trước ngày 30 tháng 6 (hàng năm)", "chậm nhất ngày 10/12 hằng năm": a day without a year. */
function readYearlyDate(c: Cursor): { rule: RecurrenceRule; everyYear: boolean; date: RawDate } | null {
  return c.attempt(() => {
    const before = c.word(...DAY_PREFIX) === 'truoc';
    const date = readDate(c);
    if (!date || date.yearToken || !(date.hasNgay || date.separator === '/' || date.separator === 'thang')) return null;
    const everyYear = c.word('hang nam', 'moi nam') !== null;
    return { rule: { frequency: 'yearly', month: date.month, day: date.day, before }, everyYear, date };
  });
}

/** The same day must exist every year: no month 13, no 31/4, and no 29/02. */
function checkYearlyDate(d: RawDate): void {
  if (d.month < 1 || d.month > 12) throw new PhraseError('month', d.from, d.to, { month: d.month });
  if (d.month === 2 && d.day === 29) throw new PhraseError('yearlyLeapDay', d.from, d.to);
  const max = daysInMonth(2001, d.month);
  if (d.day < 1 || d.day > max) throw new PhraseError('dayInMonth', d.from, d.to, { day: d.day, month: d.month, max });
}

/** "đối với báo cáo 6 tháng": the label runs to a punctuation mark, or to "và" before the next due. */
function readLabel(c: Cursor, ctx: ScanContext): string | null {
  return c.attempt(() => {
    if (!c.word('doi voi')) return null;
    const first = c.i;
    while (!c.done) {
      const token = c.peek()!;
      if (token.type === 'punct' && token.value !== '-' && token.value !== '/') break;
      if (token.type === 'word' && token.value === 'va' && ctx.startsDue(new Cursor(c.tokens, c.i + 1, c.end))) break;
      c.i += 1;
    }
    if (c.i === first) return null;
    return ctx.text
      .slice(c.tokens[first].start, c.tokens[c.i - 1].end)
      .normalize('NFC')
      .replace(/\s+/g, ' ');
  });
}

/** "trong năm (2023)" after a recurring phrase: only that year's occurrences. */
function readWithinYear(c: Cursor, ctx: ScanContext, from: number): number | null {
  return c.attempt(() => {
    if (!c.word('trong ca', 'trong') || !c.word('nam')) return null;
    return yearOf(c.num() ?? undefined, undefined, ctx, from, c.i);
  });
}

export const recurring: PhraseReader = (c, ctx) => {
  const from = c.i;
  const dinhKy = c.word('dinh ky') !== null;
  let rules = readMonthDay(c);
  const dated = rules ? null : readYearlyDate(c);
  if (dated) rules = [dated.rule];
  rules ??= readEvery(c) ?? (dinhKy ? (readHalfYearly(c) ?? [{ frequency: 'unspecified' }]) : null);
  if (!rules) return null;
  const yearly = rules.some((r) => r.frequency === 'yearly');
  const within = yearly ? null : readWithinYear(c, ctx, from);
  const label = readLabel(c, ctx);
  // A day without a year repeats only when the text says so; otherwise it is a date of the plan's year.
  if (dated && !dinhKy && !dated.everyYear && label === null) return null;
  if (dated) checkYearlyDate(dated.date);
  const specs: DueSpec[] = rules.map((rule) => ({
    kind: 'recurring',
    rule: label ? { ...rule, label } : rule,
    ...(within !== null ? { year: within } : {}),
  }));
  return { end: c.i, specs };
};

const EVENT_NOUNS = ['hoi nghi truc tuyen', 'hoi nghi', 'toa dam', 'hoi thao', 'cuoc hop'];
const START_VERBS = ['dien ra', 'to chuc', 'khai mac', 'bat dau'];
const END_VERBS = ['ket thuc', 'be mac'];

/** "03 ngày", "1 tuần" → days; "3 ngày làm việc" is refused (holidays are not known here). */
function readCount(c: Cursor): number | null {
  return c.attempt(() => {
    const from = c.i;
    const n = c.num(3);
    const unit = n && c.word('ngay', 'tuan');
    if (!n || !unit) return null;
    if (unit === 'ngay' && c.word('lam viec')) throw new PhraseError('workingDays', from, c.i);
    const days = +n.value * (unit === 'tuan' ? 7 : 1);
    if (days > 366) throw new PhraseError('offset', from, c.i);
    return days;
  });
}

function eventOf(verbs: Array<string | null>, direction: 'truoc' | 'sau'): RelativeEvent {
  if (verbs.some((v) => v && END_VERBS.includes(v))) return 'conference_end';
  if (verbs.some((v) => v && START_VERBS.includes(v))) return 'conference_start';
  return direction === 'truoc' ? 'conference_start' : 'conference_end';
}

/**
 * "trước 03 ngày diễn ra Hội nghị", "03 ngày trước Hội nghị", "trước Hội nghị 03 ngày",
 * "sau 05 ngày kể từ ngày kết thúc Hội nghị", "trong vòng 5 ngày sau khi kết thúc Hội nghị".
 * "trước Hội nghị" without a count is due by the end of the day before.
 */
export const relative: PhraseReader = (c) => {
  c.word('trong vong', 'trong');
  let direction = c.word('truoc', 'sau') as 'truoc' | 'sau' | null;
  let days = readCount(c);
  if (!direction) direction = c.word('truoc', 'sau') as 'truoc' | 'sau' | null;
  if (!direction) return null;
  c.word('khi', 'ke tu ngay', 'ke tu khi', 'ke tu', 'ngay');
  const verbBefore = c.word(...START_VERBS, ...END_VERBS);
  if (!c.word(...EVENT_NOUNS)) return null;
  const verbAfter = c.word(...START_VERBS, ...END_VERBS);
  days ??= readCount(c);
  if (days === null && direction === 'sau') return null;
  const offset = direction === 'truoc' ? -(days ?? 1) : days!;
  return one(c, {
    kind: 'relative_to_event',
    event: eventOf([verbBefore, verbAfter], direction),
    offsetDays: offset === 0 ? 0 : offset,
  });
};

/** "ngày diễn ra Hội nghị", "vào ngày kết thúc Hội nghị": the event's own day. */
export const eventDay: PhraseReader = (c) => {
  c.word('trong', 'vao');
  if (!c.word('ngay')) return null;
  const verb = c.word(...START_VERBS, ...END_VERBS);
  if (!verb || !c.word(...EVENT_NOUNS)) return null;
  return one(c, { kind: 'relative_to_event', event: eventOf([verb], 'truoc'), offsetDays: 0 });
};

/** "Sau khi UBND tỉnh ban hành Kế hoạch …": the rest of the clause names the event. */
export const afterEvent: PhraseReader = (c) => {
  c.word('ngay');
  if (!c.word('sau khi')) return null;
  return { end: c.i, specs: [{ kind: 'after_event', event: '' }], takesEvent: true };
};
