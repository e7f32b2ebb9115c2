import { DateParts, parseLocalDate, parseYearMonth } from './due.calendar';
import { MONTH_NAMES_EN, QUARTER_NUMERALS } from './due.messages';
import { DueSpec, MonthPart, RecurrenceRule, RecurringSpec, RelativeSpec } from './due.model';

/**
 * A due written back in words, for letters and views: "chậm nhất ngày 24/02/2023" /
 * "by 24 February 2023". The Vietnamese wording reads back through `parseDue` to the same spec.
 */
export type Language = 'vi' | 'en';

const pad = (n: number) => String(n).padStart(2, '0');
const viDate = (d: DateParts) => `${pad(d.day)}/${pad(d.month)}/${d.year}`;
const enDate = (d: DateParts) => `${d.day} ${MONTH_NAMES_EN[d.month - 1]} ${d.year}`;
const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
const date = (text: string) => parseLocalDate(text)!;

/** "a, b and c" / "a, b" (Vietnamese lists months with commas). */
function enList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Months grouped by year: [[2023, [10, 11]], [2024, [1]]]. */
function byYear(months: string[]): Array<[number, number[]]> {
  const groups: Array<[number, number[]]> = [];
  for (const { year, month } of months.map((m) => parseYearMonth(m)!)) {
    const group = groups[groups.length - 1];
    if (group && group[0] === year) group[1].push(month);
    else groups.push([year, [month]]);
  }
  return groups;
}

const PART_VI: Record<MonthPart, string> = { early: 'đầu', mid: 'giữa', late: 'cuối' };
const PART_EN: Record<MonthPart, string> = { early: 'early', mid: 'mid', late: 'late' };

type Phrase = { [K in DueSpec['kind']]: (spec: Extract<DueSpec, { kind: K }>) => string };

const VI: Phrase = {
  on_date: (s) => `${s.latest ? 'chậm nhất ngày' : 'ngày'} ${viDate(date(s.date))}`,
  before_date: (s) => `trước ngày ${viDate(date(s.date))}`,
  at_time: (s) => `lúc ${s.time.replace(':', ' giờ ')} phút ngày ${viDate(date(s.date))}`,
  date_range: (s) => `từ ngày ${viDate(date(s.from))} đến ngày ${viDate(date(s.to))}`,
  month: (s) => `${s.part ? `${PART_VI[s.part]} ` : ''}${VI.months({ kind: 'months', months: [s.month] })}`,
  months: (s) =>
    byYear(s.months)
      .map(([year, months]) => `tháng ${months.join(', ')} năm ${year}`)
      .join(', '),
  quarter: (s) =>
    `${s.part ? 'cuối ' : ''}quý ${QUARTER_NUMERALS[s.quarter]}${s.through ? `-${QUARTER_NUMERALS[s.through]}` : ''}/${s.year}`,
  half_year: (s) => `6 tháng ${s.half === 1 ? 'đầu' : 'cuối'} năm ${s.year}`,
  year: (s) => `${s.part ? 'cuối' : 'trong'} năm ${s.year}`,
  ongoing: (s) => `thường xuyên trong năm ${s.year}`,
  recurring: (s) => recurringVi(s),
  relative_to_event: (s) => relativeVi(s),
  after_event: (s) => `sau khi ${s.event}`,
  per_reference: (s) => `theo ${s.reference}`,
};

const EN: Phrase = {
  on_date: (s) => `${s.latest ? 'by' : 'on'} ${enDate(date(s.date))}`,
  before_date: (s) => `before ${enDate(date(s.date))}`,
  at_time: (s) => `at ${s.time} on ${enDate(date(s.date))}`,
  date_range: (s) => `from ${enDate(date(s.from))} to ${enDate(date(s.to))}`,
  month: (s) => `${s.part ? `${PART_EN[s.part]} ` : ''}${EN.months({ kind: 'months', months: [s.month] })}`,
  months: (s) => {
    const groups = byYear(s.months).map(([year, months]) => ({
      year,
      names: months.map((m) => MONTH_NAMES_EN[m - 1]),
    }));
    if (groups.length === 1) return `${enList(groups[0].names)} ${groups[0].year}`;
    return enList(groups.map((g) => `${g.names.join(', ')} ${g.year}`));
  },
  quarter: (s) => `${s.part ? 'end of ' : ''}Q${s.quarter}${s.through ? `–Q${s.through}` : ''} ${s.year}`,
  half_year: (s) => `${s.half === 1 ? 'first' : 'second'} half of ${s.year}`,
  year: (s) => (s.part ? `end of ${s.year}` : `in ${s.year}`),
  ongoing: (s) => `ongoing throughout ${s.year}`,
  recurring: (s) => recurringEn(s),
  relative_to_event: (s) => relativeEn(s),
  after_event: (s) => `after: ${s.event}`,
  per_reference: (s) => `as set by: ${s.reference}`,
};

function ruleVi(rule: RecurrenceRule): string {
  switch (rule.frequency) {
    case 'monthly':
      return rule.day === undefined
        ? 'định kỳ hàng tháng'
        : `${rule.before ? 'trước ngày' : 'ngày'} ${rule.day} hàng tháng`;
    case 'quarterly':
      return 'định kỳ hàng quý';
    case 'half_yearly':
      return 'định kỳ 6 tháng';
    case 'yearly':
      return rule.day === undefined
        ? 'định kỳ hàng năm'
        : `${rule.before ? 'trước ngày' : 'ngày'} ${rule.day} tháng ${rule.month} hàng năm`;
    case 'unspecified':
      return 'định kỳ';
  }
}

function ruleEn(rule: RecurrenceRule): string {
  switch (rule.frequency) {
    case 'monthly':
      return rule.day === undefined
        ? 'monthly'
        : `${rule.before ? 'before' : 'on'} the ${ordinal(rule.day)} of every month`;
    case 'quarterly':
      return 'quarterly';
    case 'half_yearly':
      return 'every six months';
    case 'yearly':
      return rule.day === undefined
        ? 'yearly'
        : `${rule.before ? 'before' : 'on'} ${rule.day} ${MONTH_NAMES_EN[rule.month! - 1]} every year`;
    case 'unspecified':
      return 'periodically';
  }
}

function recurringVi(s: RecurringSpec): string {
  const within = s.year === undefined ? '' : ` trong năm ${s.year}`;
  const label = s.rule.label ? ` đối với ${s.rule.label}` : '';
  return `${ruleVi(s.rule)}${within}${label}`;
}

function recurringEn(s: RecurringSpec): string {
  const within = s.year === undefined ? '' : ` in ${s.year}`;
  const label = s.rule.label ? ` (${s.rule.label})` : '';
  return `${ruleEn(s.rule)}${within}${label}`;
}

function relativeVi(s: RelativeSpec): string {
  const start = s.event === 'conference_start';
  const n = pad(Math.abs(s.offsetDays));
  if (s.offsetDays === 0) return start ? 'ngày diễn ra Hội nghị' : 'ngày kết thúc Hội nghị';
  if (s.offsetDays < 0) return `trước ${n} ngày ${start ? 'diễn ra' : 'kết thúc'} Hội nghị`;
  return `sau ${n} ngày kể từ ngày ${start ? 'khai mạc' : 'kết thúc'} Hội nghị`;
}

function relativeEn(s: RelativeSpec): string {
  const moment = s.event === 'conference_start' ? 'the conference starts' : 'the conference ends';
  const n = Math.abs(s.offsetDays);
  if (n === 0) return `on the day ${moment}`;
  return `${n} ${n === 1 ? 'day' : 'days'} ${s.offsetDays < 0 ? 'before' : 'after'} ${moment}`;
}

/** "dự kiến …" / "… (tentative)": the mark is said wherever the due is. */
export function formatDue(due: DueSpec, language: Language = 'vi'): string {
  const table = (language === 'en' ? EN : VI) as Record<DueSpec['kind'], (spec: DueSpec) => string>;
  const words = table[due.kind](due);
  if (!due.tentative) return words;
  return language === 'en' ? `${words} (tentative)` : `dự kiến ${words}`;
}
