import fc from 'fast-check';
import { daysInMonth, toLocalDate, toYearMonth } from './due.calendar';
import { formatDeadline } from './due.deadline';
import { formatDue } from './due.format';
import { DueSpec, MONTH_PARTS, RecurrenceRule } from './due.model';
import { parseDue } from './due.parser';
import { buildDue, resolveRelative, specOf } from './due.resolve';
import { validateDue } from './due.validate';

const VN = 'Asia/Ho_Chi_Minh';

describe(formatDue.name, () => {
  it.each<[DueSpec, string, string]>([
    [{ kind: 'on_date', date: '2023-02-24', latest: true }, 'chậm nhất ngày 24/02/2023', 'by 24 February 2023'],
    [{ kind: 'on_date', date: '2023-10-30', latest: false }, 'ngày 30/10/2023', 'on 30 October 2023'],
    [{ kind: 'before_date', date: '2023-09-01' }, 'trước ngày 01/09/2023', 'before 1 September 2023'],
    [
      { kind: 'at_time', date: '2023-04-05', time: '13:30' },
      'lúc 13 giờ 30 phút ngày 05/04/2023',
      'at 13:30 on 5 April 2023',
    ],
    [
      { kind: 'date_range', from: '2023-03-06', to: '2023-03-10' },
      'từ ngày 06/03/2023 đến ngày 10/03/2023',
      'from 6 March 2023 to 10 March 2023',
    ],
    [{ kind: 'month', month: '2023-09' }, 'tháng 9 năm 2023', 'September 2023'],
    [{ kind: 'months', months: ['2023-10', '2023-11'] }, 'tháng 10, 11 năm 2023', 'October and November 2023'],
    [
      { kind: 'months', months: ['2023-12', '2024-01', '2024-02'] },
      'tháng 12 năm 2023, tháng 1, 2 năm 2024',
      'December 2023 and January, February 2024',
    ],
    [{ kind: 'quarter', year: 2023, quarter: 3 }, 'quý III/2023', 'Q3 2023'],
    [{ kind: 'quarter', year: 2023, quarter: 1, through: 2 }, 'quý I-II/2023', 'Q1–Q2 2023'],
    [{ kind: 'half_year', year: 2023, half: 1 }, '6 tháng đầu năm 2023', 'first half of 2023'],
    [{ kind: 'year', year: 2023 }, 'trong năm 2023', 'in 2023'],
    [{ kind: 'ongoing', year: 2023 }, 'thường xuyên trong năm 2023', 'ongoing throughout 2023'],
    [
      { kind: 'recurring', rule: { frequency: 'monthly' }, year: 2023 },
      'định kỳ hàng tháng trong năm 2023',
      'monthly in 2023',
    ],
    [
      { kind: 'recurring', rule: { frequency: 'monthly', day: 20, before: true } },
      'trước ngày 20 hàng tháng',
      'before the 20th of every month',
    ],
    [
      { kind: 'recurring', rule: { frequency: 'yearly', month: 6, day: 30, before: true, label: 'báo cáo 6 tháng' } },
      'trước ngày 30 tháng 6 hàng năm đối với báo cáo 6 tháng',
      'before 30 June every year (báo cáo 6 tháng)',
    ],
    [{ kind: 'recurring', rule: { frequency: 'unspecified' } }, 'định kỳ', 'periodically'],
    [
      { kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 },
      'trước 03 ngày diễn ra Hội nghị',
      '3 days before the conference starts',
    ],
    [
      { kind: 'relative_to_event', event: 'conference_end', offsetDays: 1 },
      'sau 01 ngày kể từ ngày kết thúc Hội nghị',
      '1 day after the conference ends',
    ],
    [
      { kind: 'relative_to_event', event: 'conference_start', offsetDays: 0 },
      'ngày diễn ra Hội nghị',
      'on the day the conference starts',
    ],
    [
      { kind: 'after_event', event: 'UBND tỉnh ban hành Kế hoạch' },
      'sau khi UBND tỉnh ban hành Kế hoạch',
      'after: UBND tỉnh ban hành Kế hoạch',
    ],
    [
      { kind: 'per_reference', reference: 'quy định của Chính phủ' },
      'theo quy định của Chính phủ',
      'as set by: quy định của Chính phủ',
    ],
  ])('writes %j as “%s” and “%s”', (spec, vi, en) => {
    expect(formatDue(spec, 'vi')).toBe(vi);
    expect(formatDue(spec, 'en')).toBe(en);
  });

  it('writes Vietnamese unless told otherwise', () => {
    expect(formatDue({ kind: 'quarter', year: 2023, quarter: 1 })).toBe('quý I/2023');
  });
});

describe(formatDeadline.name, () => {
  const due = (text: string) => (parseDue(text, { zone: VN }) as { dues: ReturnType<typeof buildDue>[] }).dues[0];

  it('names the last day on time', () => {
    expect(formatDeadline(due('trước ngày 01/9/2023'))).toBe('hết ngày 31/08/2023');
    expect(formatDeadline(due('Tháng 10, 11 năm 2023'), 'en')).toBe('by the end of 30 November 2023');
  });

  it('names the minute of a due at a time', () => {
    expect(formatDeadline(due('lúc 13 giờ 30 phút ngày 08 tháng 3 năm 2023'))).toBe(
      '13 giờ 30 phút, Thứ Tư, ngày 08/3/2023',
    );
  });

  it('shows a relative due as not known while the conference has no date, and its day once it has one', () => {
    const relative = due('trước 03 ngày diễn ra Hội nghị');
    expect(formatDeadline(relative)).toBe('chưa xác định (Hội nghị chưa có ngày)');
    expect(formatDeadline(relative, 'en')).toBe('not known yet (the conference has no date)');
    expect(formatDeadline(resolveRelative(relative, new Date('2023-03-08T00:30:00Z')))).toBe('hết ngày 05/03/2023');
  });

  it('gives the rule for a recurring due', () => {
    expect(formatDeadline(due('Định kỳ hàng tháng'), 'en')).toBe('monthly');
  });
});

/** Structured dues as a client may send them, in the canonical shape the validator gives back. */
const year = fc.integer({ min: 1950, max: 2150 });
const localDate = fc
  .record({ year, month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => ({ year, month, day })),
  );
const isoDate = localDate.map(toLocalDate);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const monthIndex = fc.integer({ min: 1950 * 12, max: 2150 * 12 });
const yearMonth = (index: number) => toYearMonth(Math.floor(index / 12), (index % 12) + 1);
const words = (vocabulary: string[]) =>
  fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const LABEL_WORDS = [
  'báo',
  'cáo',
  'sơ',
  'kết',
  'tổng',
  'quả',
  'công',
  'tác',
  'cải',
  'cách',
  'hành',
  'chính',
  'kiểm',
  'tra',
];
const EVENT_WORDS = [
  'UBND',
  'tỉnh',
  'ban',
  'hành',
  'Kế',
  'hoạch',
  'chuyển',
  'đổi',
  'số',
  'Sở',
  'Nội',
  'vụ',
  'phê',
  'duyệt',
  'Bộ',
  'hướng',
  'dẫn',
  'Chính',
  'phủ',
];
const label = fc.option(words(LABEL_WORDS), { nil: undefined });
const withLabel = (rule: RecurrenceRule, text: string | undefined): RecurrenceRule =>
  text ? { ...rule, label: text } : rule;
const yearlyDay = fc
  .integer({ min: 1, max: 12 })
  .chain((month) =>
    fc.integer({ min: 1, max: month === 2 ? 28 : daysInMonth(2001, month) }).map((day) => ({ month, day })),
  );

const rule: fc.Arbitrary<{ rule: RecurrenceRule; yearly: boolean }> = fc.oneof(
  fc
    .record({ day: fc.option(fc.integer({ min: 1, max: 31 }), { nil: undefined }), before: fc.boolean(), label })
    .map(({ day, before, label: l }) => ({
      rule: withLabel(day === undefined ? { frequency: 'monthly' } : { frequency: 'monthly', day, before }, l),
      yearly: false,
    })),
  fc
    .record({ frequency: fc.constantFrom('quarterly' as const, 'half_yearly' as const, 'unspecified' as const), label })
    .map(({ frequency, label: l }) => ({
      rule: withLabel({ frequency }, l),
      yearly: false,
    })),
  fc
    .record({ date: fc.option(yearlyDay, { nil: undefined }), before: fc.boolean(), label })
    .map(({ date, before, label: l }) => ({
      rule: withLabel(
        date ? { frequency: 'yearly', month: date.month, day: date.day, before } : { frequency: 'yearly' },
        l,
      ),
      yearly: true,
    })),
);

const spec: fc.Arbitrary<DueSpec> = fc.oneof(
  fc.record({ date: isoDate, latest: fc.boolean() }).map((s) => ({ kind: 'on_date' as const, ...s })),
  isoDate.map((date) => ({ kind: 'before_date' as const, date })),
  fc.record({ date: isoDate, time }).map((s) => ({ kind: 'at_time' as const, ...s })),
  fc.tuple(isoDate, isoDate).map(([a, b]) => ({ kind: 'date_range' as const, from: a < b ? a : b, to: a < b ? b : a })),
  fc
    .tuple(monthIndex, fc.option(fc.constantFrom(...MONTH_PARTS), { nil: undefined }))
    .map(([m, part]) => ({ kind: 'month' as const, month: yearMonth(m), ...(part ? { part } : {}) })),
  fc
    .tuple(monthIndex, fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }))
    .map(([first, steps]) => ({
      kind: 'months' as const,
      months: [first, ...steps.sort((a, b) => a - b).map((s) => first + s)].map(yearMonth),
    })),
  fc
    .record({ year, quarter: fc.integer({ min: 1, max: 4 }), more: fc.integer({ min: 0, max: 3 }), late: fc.boolean() })
    .map(({ year: y, quarter, more, late }) => ({
      kind: 'quarter' as const,
      year: y,
      quarter,
      ...(quarter + more <= 4 && more > 0 ? { through: quarter + more } : {}),
      ...(late ? { part: 'late' as const } : {}),
    })),
  fc.record({ year, half: fc.integer({ min: 1, max: 2 }) }).map((s) => ({ kind: 'half_year' as const, ...s })),
  fc
    .tuple(year, fc.boolean())
    .map(([y, late]) => ({ kind: 'year' as const, year: y, ...(late ? { part: 'late' as const } : {}) })),
  year.map((y) => ({ kind: 'ongoing' as const, year: y })),
  fc.tuple(rule, fc.option(year, { nil: undefined })).map(([r, y]) => ({
    kind: 'recurring' as const,
    rule: r.rule,
    ...(y !== undefined && !r.yearly ? { year: y } : {}),
  })),
  fc
    .record({
      event: fc.constantFrom('conference_start' as const, 'conference_end' as const),
      offsetDays: fc.integer({ min: -366, max: 366 }),
    })
    .map((s) => ({ kind: 'relative_to_event' as const, ...s, offsetDays: s.offsetDays === 0 ? 0 : s.offsetDays })),
  words(EVENT_WORDS).map((event) => ({ kind: 'after_event' as const, event })),
  words(EVENT_WORDS).map((reference) => ({ kind: 'per_reference' as const, reference })),
);

/** Any due but one set by another document ("theo …" has no phrase to mark) may be "dự kiến". */
const markedSpec: fc.Arbitrary<DueSpec> = fc
  .tuple(spec, fc.boolean())
  .map(([s, tentative]) => (tentative && s.kind !== 'per_reference' ? { ...s, tentative: true } : s));

describe('structured dues, formatted and read back', () => {
  it('are their own canonical form for the validator', () => {
    fc.assert(
      fc.property(markedSpec, (s) => {
        const result = validateDue(s, { zone: VN });
        expect(result.ok && specOf(result.due)).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('parse back to the same due after formatting in Vietnamese', () => {
    fc.assert(
      fc.property(markedSpec, fc.constantFrom(VN, 'Europe/Paris', 'America/New_York'), (s, zone) => {
        const text = formatDue(s, 'vi');
        const result = parseDue(text, { zone });
        expect(result.ok && result.dues.map(specOf)).toEqual([s]);
        expect(result.ok && result.dues[0]).toEqual(buildDue(s, { zone, text }));
      }),
      { numRuns: 1000 },
    );
  });

  it('always have an English wording', () => {
    fc.assert(
      fc.property(spec, (s) => {
        expect(formatDue(s, 'en')).toMatch(/\S/);
      }),
    );
  });
});
