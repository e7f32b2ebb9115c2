import fc from 'fast-check';
import { foldVietnamese } from '../../common/text';
import { Due, DueContext, DueSpec } from './due.model';
import { parseDue } from './due.parser';
import { specOf } from './due.resolve';

const VN = 'Asia/Ho_Chi_Minh';

function dues(text: string, context: Partial<DueContext> = {}): Due[] {
  const result = parseDue(text, { zone: VN, ...context });
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${JSON.stringify(result.errors)}`);
  return result.dues;
}

function specs(text: string, context: Partial<DueContext> = {}): DueSpec[] {
  return dues(text, context).map(specOf);
}

/** Free text (events, references, labels) keeps the letters it was written with: compare it folded. */
const folded = (spec: DueSpec) => JSON.parse(foldVietnamese(JSON.stringify(spec)));

function errors(text: string, context: Partial<DueContext> = {}) {
  const result = parseDue(text, { zone: VN, ...context });
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.dues)}`);
  return result.errors;
}

/** Every due form found in the seed plans (000, 002, 003, 004) and in the issue, with what it means. */
const SEED_FORMS: Array<[string, DueSpec[], Partial<DueContext>?]> = [
  ['chậm nhất ngày 24/02/2023', [{ kind: 'on_date', date: '2023-02-24', latest: true }]],
  ['trước ngày 28/02/2023', [{ kind: 'before_date', date: '2023-02-28' }]],
  ['Trước ngày 01/9/2023', [{ kind: 'before_date', date: '2023-09-01' }]],
  ['Trước ngày 15/10/2023', [{ kind: 'before_date', date: '2023-10-15' }]],
  ['Ngày 30/10/2023', [{ kind: 'on_date', date: '2023-10-30', latest: false }]],
  ['Ngày 15/11/2023', [{ kind: 'on_date', date: '2023-11-15', latest: false }]],
  ['Tháng 9 năm 2023', [{ kind: 'month', month: '2023-09' }]],
  ['Tháng 01/2023.', [{ kind: 'month', month: '2023-01' }]],
  ['Tháng 12/2023.', [{ kind: 'month', month: '2023-12' }]],
  ['Tháng 10, 11 năm 2023', [{ kind: 'months', months: ['2023-10', '2023-11'] }]],
  ['Quý I/2023.', [{ kind: 'quarter', year: 2023, quarter: 1 }]],
  ['Quý III/2023.', [{ kind: 'quarter', year: 2023, quarter: 3 }]],
  ['Trong năm 2023.', [{ kind: 'year', year: 2023 }]],
  ['Thường xuyên trong năm.', [{ kind: 'ongoing', year: 2023 }], { year: 2023 }],
  ['Thực hiện thường xuyên trong năm 2023.', [{ kind: 'ongoing', year: 2023 }]],
  ['Thường xuyên trong năm 2023.', [{ kind: 'ongoing', year: 2023 }]],
  ['Định kỳ hàng tháng', [{ kind: 'recurring', rule: { frequency: 'monthly' } }]],
  [
    'Định kỳ hàng tháng trong năm.',
    [{ kind: 'recurring', rule: { frequency: 'monthly' }, year: 2023 }],
    { year: 2023 },
  ],
  [
    'trước ngày 30 tháng 6 đối với báo cáo 6 tháng và trước ngày 10 tháng 12 đối với báo cáo năm',
    [
      { kind: 'recurring', rule: { frequency: 'yearly', month: 6, day: 30, before: true, label: 'báo cáo 6 tháng' } },
      { kind: 'recurring', rule: { frequency: 'yearly', month: 12, day: 10, before: true, label: 'báo cáo năm' } },
    ],
  ],
  ['trước 03 ngày diễn ra Hội nghị', [{ kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 }]],
  ['từ ngày 06 đến ngày 10 tháng 3 năm 2023', [{ kind: 'date_range', from: '2023-03-06', to: '2023-03-10' }]],
  ['lúc 13 giờ 30 phút ngày 05 tháng 4 năm 2023', [{ kind: 'at_time', date: '2023-04-05', time: '13:30' }]],
  [
    'Sau khi UBND tỉnh ban hành Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2024.',
    [{ kind: 'after_event', event: 'UBND tỉnh ban hành Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2024' }],
  ],
  [
    'Theo quy định của Chính phủ và hướng dẫn của Sở Thông tin và Truyền thông.',
    [{ kind: 'per_reference', reference: 'quy định của Chính phủ và hướng dẫn của Sở Thông tin và Truyền thông' }],
  ],
  [
    'Quý I tham mưu ban hành các kế hoạch; định kỳ báo cáo kết quả thực hiện; hoàn thành việc tham mưu kiểm tra trước ngày 30/11/2023 và báo cáo kết quả thực hiện, tham mưu chỉ đạo xử lý, khắc phục tồn tại, hạn chế, sai sót.',
    [
      { kind: 'quarter', year: 2023, quarter: 1 },
      { kind: 'recurring', rule: { frequency: 'unspecified' } },
      { kind: 'before_date', date: '2023-11-30' },
    ],
    { year: 2023 },
  ],
  [
    'Thường xuyên trong năm; định kỳ báo cáo kết quả thực hiện.',
    [
      { kind: 'ongoing', year: 2023 },
      { kind: 'recurring', rule: { frequency: 'unspecified' } },
    ],
    { year: 2023 },
  ],
  [
    'Quý I năm 2023 ban hành kế hoạch kiểm tra; tổ chức kiểm tra theo kế hoạch, kiểm tra đột xuất trong năm 2023.',
    [
      { kind: 'quarter', year: 2023, quarter: 1 },
      { kind: 'year', year: 2023 },
    ],
  ],
  [
    'Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.',
    [
      { kind: 'quarter', year: 2023, quarter: 1 },
      { kind: 'year', year: 2023 },
    ],
    { year: 2023 },
  ],
  [
    'Ban hành kế hoạch trong Quý I. Thực hiện kiểm soát nhiệm vụ chi dự toán trong năm 2023.',
    [
      { kind: 'quarter', year: 2023, quarter: 1 },
      { kind: 'year', year: 2023 },
    ],
    { year: 2023 },
  ],
  [
    'Theo Kế hoạch số 140/KH-UBND ngày 14/10/2021 của UBND tỉnh đối với những nhiệm vụ giao thực hiện trong năm 2023.',
    [{ kind: 'year', year: 2023 }],
  ],
  [
    'Thường xuyên trong năm, theo Kế hoạch rà soát, đơn giản hóa TTHC nội bộ trong hệ thống cơ quan hành chính nhà nước giai đoạn 2022 - 2025 trên địa bàn tỉnh ban hành kèm theo Quyết định số 1648/QĐ-UBND ngày 30/11/2022 của Chủ tịch UBND tỉnh.',
    [{ kind: 'ongoing', year: 2023 }],
    { year: 2023 },
  ],
];

const form = (start: string) => SEED_FORMS.find(([text]) => text.startsWith(start))!;
// Every row has three members: with two, jest would pass `done` as the context and wait for it.
const SEED_ROWS = SEED_FORMS.map(([text, expected, context]) => [text, expected, context ?? {}] as const);

describe(parseDue.name, () => {
  describe('every form of the seed plans', () => {
    it.each(SEED_ROWS)('reads “%s”', (text, expected, context) => {
      expect(specs(text, context)).toEqual(expected);
    });

    it.each(SEED_ROWS)('reads “%s” the same without diacritics, in lower case', (text, expected, context) => {
      expect(specs(foldVietnamese(text), context).map(folded)).toEqual(expected.map(folded));
    });

    it.each(SEED_ROWS)('reads “%s” the same in upper case with decomposed accents', (text, expected, context) => {
      expect(specs(text.toUpperCase().normalize('NFD'), context).map(folded)).toEqual(expected.map(folded));
    });
  });

  describe('notes, clauses and free text', () => {
    it('keeps the words around a due as its note and the clause as its text', () => {
      const [plan, report, check] = dues(form('Quý I tham mưu')[0], { year: 2023 });
      expect(plan).toMatchObject({
        text: 'Quý I tham mưu ban hành các kế hoạch',
        note: 'tham mưu ban hành các kế hoạch',
      });
      expect(report).toMatchObject({ text: 'định kỳ báo cáo kết quả thực hiện', note: 'báo cáo kết quả thực hiện' });
      expect(check.note).toBe(
        'hoàn thành việc tham mưu kiểm tra … và báo cáo kết quả thực hiện, tham mưu chỉ đạo xử lý, khắc phục tồn tại, hạn chế, sai sót',
      );
    });

    it('keeps a qualifier after a due, and does not read the dates of the documents it cites', () => {
      const [due] = dues(form('Thường xuyên trong năm, theo')[0], { year: 2023 });
      expect(due.note).toMatch(
        /^theo Kế hoạch rà soát, .* Quyết định số 1648\/QĐ-UBND ngày 30\/11\/2022 của Chủ tịch UBND tỉnh$/,
      );
    });

    it('splits a sentence holding two dues at the comma between them', () => {
      const [issue, carry] = dues('Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.', { year: 2023 });
      expect(issue).toMatchObject({ text: 'Ban hành kế hoạch trong Quý I', note: 'Ban hành kế hoạch' });
      expect(carry).toMatchObject({ text: 'tổ chức thực hiện trong năm 2023', note: 'tổ chức thực hiện' });
    });

    it('drops a frequency-less "định kỳ" when the same clause says when the reports are due', () => {
      const text =
        'Định kỳ tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh (*qua Sở Thông tin và Truyền thông*) để theo dõi, tổng hợp (*trước ngày 30 tháng 6 đối với báo cáo 6 tháng và trước ngày 10 tháng 12 đối với báo cáo năm*).';
      const [half, year] = dues(text);
      expect([specOf(half), specOf(year)]).toEqual(form('trước ngày 30 tháng 6')[1]);
      expect(half.note).toBe(
        'Định kỳ tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh (qua Sở Thông tin và Truyền thông) để theo dõi, tổng hợp',
      );
    });

    it('reads "Theo …" with no due in it as a reference to another document', () => {
      expect(dues('Theo Kế hoạch số 140/KH-UBND của UBND tỉnh')[0]).toMatchObject({
        kind: 'per_reference',
        reference: 'Kế hoạch số 140/KH-UBND của UBND tỉnh',
        precision: 'none',
        resolvesAt: null,
      });
    });

    it('does not take "quy định" or "quý vị" for a quarter', () => {
      expect(errors('quý vị đại biểu')[0]).toMatchObject({ rule: 'noDue', fragment: 'quý vị đại biểu' });
      expect(specs('Theo quy định hiện hành')).toEqual([{ kind: 'per_reference', reference: 'quy định hiện hành' }]);
    });

    it('does not take "4-6 trang" for a date', () => {
      expect(errors('Báo cáo tham luận từ 4-6 trang A4')[0].rule).toBe('noDue');
    });

    it('gives the text of the cell in NFC even when it came decomposed', () => {
      const [due] = dues('chậm nhất ngày 24/02/2023'.normalize('NFD'));
      expect(due.text).toBe('chậm nhất ngày 24/02/2023'.normalize('NFC'));
    });

    it('ignores extra spaces, tabs and markdown emphasis', () => {
      expect(specs('  **chậm   nhất\tngày  24 / 02 / 2023** ')).toEqual([
        { kind: 'on_date', date: '2023-02-24', latest: true },
      ]);
    });
  });

  describe('more forms', () => {
    it.each<[string, DueSpec]>([
      ['ngày 1/9/2023', { kind: 'on_date', date: '2023-09-01', latest: false }],
      ['01.9.2023', { kind: 'on_date', date: '2023-09-01', latest: false }],
      ['24/02/2023', { kind: 'on_date', date: '2023-02-24', latest: false }],
      ['hạn chót là ngày 24/02/2023', { kind: 'on_date', date: '2023-02-24', latest: true }],
      ['đến hết ngày 24/02/2023', { kind: 'on_date', date: '2023-02-24', latest: true }],
      ['Thứ Tư, ngày 08/3/2023', { kind: 'on_date', date: '2023-03-08', latest: false }],
      ['trước ngày 30 tháng 11 năm 2023', { kind: 'before_date', date: '2023-11-30' }],
      ['13 giờ 30 phút, Thứ Tư, ngày 08/3/2023', { kind: 'at_time', date: '2023-03-08', time: '13:30' }],
      ['13h30 ngày 05/4/2023', { kind: 'at_time', date: '2023-04-05', time: '13:30' }],
      ['ngày 05/4/2023 lúc 07:05', { kind: 'at_time', date: '2023-04-05', time: '07:05' }],
      ['lúc 8 giờ ngày 05/4/2023', { kind: 'at_time', date: '2023-04-05', time: '08:00' }],
      ['từ 06/3 đến 10/3/2023', { kind: 'date_range', from: '2023-03-06', to: '2023-03-10' }],
      ['từ ngày 28/12/2023 đến ngày 03/01/2024', { kind: 'date_range', from: '2023-12-28', to: '2024-01-03' }],
      [
        'trong khoảng thời gian từ ngày 06 đến ngày 10 tháng 3 năm 2023',
        { kind: 'date_range', from: '2023-03-06', to: '2023-03-10' },
      ],
      ['tháng 9/2023', { kind: 'month', month: '2023-09' }],
      ['tháng 10 và 11/2023', { kind: 'months', months: ['2023-10', '2023-11'] }],
      ['từ tháng 10 đến tháng 12 năm 2023', { kind: 'months', months: ['2023-10', '2023-11', '2023-12'] }],
      ['từ tháng 12/2023 đến tháng 02/2024', { kind: 'months', months: ['2023-12', '2024-01', '2024-02'] }],
      ['tháng 12 năm 2023, tháng 1, 2 năm 2024', { kind: 'months', months: ['2023-12', '2024-01', '2024-02'] }],
      ['Quý IV năm 2023', { kind: 'quarter', year: 2023, quarter: 4 }],
      ['quý 2/2024', { kind: 'quarter', year: 2024, quarter: 2 }],
      ['Quí II/2024', { kind: 'quarter', year: 2024, quarter: 2 }],
      ['Quý I-II/2023', { kind: 'quarter', year: 2023, quarter: 1, through: 2 }],
      ['Quý II và III năm 2023', { kind: 'quarter', year: 2023, quarter: 2, through: 3 }],
      ['quý I đến quý IV/2023', { kind: 'quarter', year: 2023, quarter: 1, through: 4 }],
      ['6 tháng đầu năm 2023', { kind: 'half_year', year: 2023, half: 1 }],
      ['06 tháng cuối năm 2023', { kind: 'half_year', year: 2023, half: 2 }],
      ['nửa đầu năm 2024', { kind: 'half_year', year: 2024, half: 1 }],
      ['Năm 2023', { kind: 'year', year: 2023 }],
      ['cả năm 2023', { kind: 'year', year: 2023 }],
      ['định kỳ hàng quý', { kind: 'recurring', rule: { frequency: 'quarterly' } }],
      ['hằng năm', { kind: 'recurring', rule: { frequency: 'yearly' } }],
      ['định kỳ 6 tháng', { kind: 'recurring', rule: { frequency: 'half_yearly' } }],
      ['trước ngày 20 hàng tháng', { kind: 'recurring', rule: { frequency: 'monthly', day: 20, before: true } }],
      ['ngày 05 hằng tháng', { kind: 'recurring', rule: { frequency: 'monthly', day: 5, before: false } }],
      [
        'trước ngày 15/12 hàng năm',
        { kind: 'recurring', rule: { frequency: 'yearly', month: 12, day: 15, before: true } },
      ],
      [
        'định kỳ trước ngày 15/12',
        { kind: 'recurring', rule: { frequency: 'yearly', month: 12, day: 15, before: true } },
      ],
      ['03 ngày trước Hội nghị', { kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 }],
      ['trước Hội nghị 03 ngày', { kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 }],
      ['trước khi Hội nghị diễn ra', { kind: 'relative_to_event', event: 'conference_start', offsetDays: -1 }],
      ['trước 01 tuần khai mạc Hội nghị', { kind: 'relative_to_event', event: 'conference_start', offsetDays: -7 }],
      ['ngày diễn ra Hội nghị', { kind: 'relative_to_event', event: 'conference_start', offsetDays: 0 }],
      ['trước 02 ngày kết thúc Hội nghị', { kind: 'relative_to_event', event: 'conference_end', offsetDays: -2 }],
      [
        'sau 05 ngày kể từ ngày kết thúc Hội nghị',
        { kind: 'relative_to_event', event: 'conference_end', offsetDays: 5 },
      ],
      [
        'trong vòng 5 ngày sau khi kết thúc Hội nghị',
        { kind: 'relative_to_event', event: 'conference_end', offsetDays: 5 },
      ],
      ['sau khi Hội nghị kết thúc', { kind: 'after_event', event: 'Hội nghị kết thúc' }],
    ])('reads “%s”', (text, expected) => {
      expect(specs(text)).toEqual([expected]);
    });

    it('reads a day without a year in the plan’s year, once', () => {
      expect(specs('trước ngày 30/11', { year: 2023 })).toEqual([{ kind: 'before_date', date: '2023-11-30' }]);
      expect(specs('trước ngày 30 tháng 6', { year: 2024 })).toEqual([{ kind: 'before_date', date: '2024-06-30' }]);
    });

    it('lends the year of a listed date to the day written before it without one', () => {
      expect(specs('ngày 30/11 và 15/12/2023', { year: 2024 })).toEqual([
        { kind: 'on_date', date: '2023-11-30', latest: false },
        { kind: 'on_date', date: '2023-12-15', latest: false },
      ]);
    });

    it('stops a list of months before a "và" that leads to another kind of due', () => {
      const [month, quarter] = dues('Tháng 9 năm 2023 và Quý IV/2023');
      expect([specOf(month), specOf(quarter)]).toEqual([
        { kind: 'month', month: '2023-09' },
        { kind: 'quarter', year: 2023, quarter: 4 },
      ]);
      expect(month.text).toBe('Tháng 9 năm 2023');
    });

    it('does not read the period in the name of a report as a due', () => {
      const [due, ...others] = dues('Trước ngày 30/11/2023 (báo cáo quý IV)', { year: 2023 });
      expect(others).toEqual([]);
      expect(due).toMatchObject({
        kind: 'before_date',
        text: 'Trước ngày 30/11/2023 (báo cáo quý IV)',
        note: 'báo cáo quý IV',
      });
      // Without a plan year too: the name asks for no year.
      expect(specs('Nộp báo cáo quý IV trước ngày 15/01/2024')).toEqual([{ kind: 'before_date', date: '2024-01-15' }]);
      expect(errors('Kế hoạch tháng 9/2023')[0]).toMatchObject({ rule: 'noDue', fragment: 'Kế hoạch tháng 9/2023' });
    });

    it('reads "Thường xuyên" alone as ongoing through the plan’s year', () => {
      expect(specs('Thường xuyên', { year: 2023 })).toEqual([{ kind: 'ongoing', year: 2023 }]);
    });
  });

  describe('what it refuses, quoting the fragment', () => {
    it('quotes a segment with no due in it, with its position', () => {
      const text = 'Quý I/2023; chưa rõ lắm';
      expect(errors(text)).toEqual([
        expect.objectContaining({
          code: 'DUE_UNREADABLE',
          rule: 'noDue',
          fragment: 'chưa rõ lắm',
          position: 12,
          length: 11,
        }),
      ]);
      expect(errors(text)[0].message).toEqual({
        vi: 'Không đọc được thời hạn trong “chưa rõ lắm”.',
        en: 'No due could be read in “chưa rõ lắm”.',
      });
    });

    it('refuses a date that does not exist ("before 30/02")', () => {
      const [error] = errors('trước ngày 30/02/2023');
      expect(error).toMatchObject({ rule: 'day', fragment: 'ngày 30/02/2023', position: 6 });
      expect(error.message.en).toBe('“ngày 30/02/2023”: 30/2/2023 does not exist, February 2023 has 28 days.');
    });

    it('refuses 31 in a 30-day month and accepts it in a 31-day one', () => {
      expect(errors('Ngày 31/04/2023')[0]).toMatchObject({ rule: 'day', fragment: 'Ngày 31/04/2023' });
      expect(specs('Ngày 31/05/2023')).toEqual([{ kind: 'on_date', date: '2023-05-31', latest: false }]);
    });

    it('accepts 29/02 in a leap year only', () => {
      expect(specs('trước ngày 29/02/2024')).toEqual([{ kind: 'before_date', date: '2024-02-29' }]);
      expect(errors('trước ngày 29/02/2023')[0].message.vi).toBe(
        '“ngày 29/02/2023”: ngày 29/2/2023 không tồn tại, tháng 2 năm 2023 chỉ có 28 ngày.',
      );
      expect(errors('trước ngày 29/02', { year: 2023 })[0].rule).toBe('day');
      expect(specs('trước ngày 29/02', { year: 2024 })).toEqual([{ kind: 'before_date', date: '2024-02-29' }]);
    });

    it('refuses 29/02 as a yearly due, since most years lack it', () => {
      expect(errors('trước ngày 29/02 hàng năm')[0]).toMatchObject({ rule: 'yearlyLeapDay', fragment: 'ngày 29/02' });
    });

    it('refuses month 13 and quarter V, quoting them', () => {
      expect(errors('Tháng 13/2023')[0]).toMatchObject({ rule: 'month', fragment: 'Tháng 13/2023', position: 0 });
      expect(errors('Quý V/2023')[0]).toMatchObject({ rule: 'quarter', fragment: 'Quý V/2023' });
      expect(errors('quý 5/2023')[0]).toMatchObject({ rule: 'quarter', fragment: 'quý 5/2023' });
    });

    it('refuses quarters that do not follow one another, and a span of years', () => {
      expect(errors('Quý I, III/2023')[0]).toMatchObject({ rule: 'quarterOrder', fragment: 'Quý I, III/2023' });
      expect(errors('Năm 2023 - 2024')[0]).toMatchObject({ rule: 'yearSpan', fragment: 'Năm 2023 - 2024' });
      expect(errors('từ năm 2023 đến năm 2025')[0].rule).toBe('yearSpan');
    });

    it('refuses a range that ends before it starts', () => {
      expect(errors('từ ngày 10 đến ngày 06 tháng 3 năm 2023')[0]).toMatchObject({
        rule: 'rangeOrder',
        fragment: 'từ ngày 10 đến ngày 06 tháng 3 năm 2023',
      });
      expect(errors('Tháng 11, 10 năm 2023')[0].rule).toBe('monthOrder');
    });

    it('refuses a weekday that contradicts the date', () => {
      const [error] = errors('Thứ Năm, ngày 08/3/2023');
      expect(error.message.en).toBe('“Thứ Năm, ngày 08/3/2023”: 8 March 2023 is a Wednesday, not a Thursday.');
    });

    it('refuses a time of day that does not exist', () => {
      expect(errors('lúc 25 giờ ngày 05/4/2023')[0]).toMatchObject({ rule: 'time', fragment: '25 giờ' });
    });

    it('says a year is needed for "trong năm", "Quý I" and a day without a year when the plan has none', () => {
      expect(errors('Thường xuyên trong năm')[0]).toMatchObject({
        rule: 'yearNeeded',
        fragment: 'Thường xuyên trong năm',
      });
      expect(errors('Quý I tham mưu ban hành các kế hoạch')[0]).toMatchObject({
        rule: 'yearNeeded',
        fragment: 'Quý I',
      });
      expect(errors('trước ngày 30/11')[0]).toMatchObject({ rule: 'yearNeeded', fragment: 'ngày 30/11' });
      expect(errors('Định kỳ hàng tháng trong năm')[0].message.en).toBe(
        "“Định kỳ hàng tháng trong năm” has no year: write the year, or give the plan's year.",
      );
    });

    it('refuses a two-digit year rather than guess the century', () => {
      expect(errors('Ngày 24/02/23')[0]).toMatchObject({ rule: 'yearFormat', fragment: 'Ngày 24/02/23' });
    });

    it('refuses working days and vague parts of a period rather than guess', () => {
      expect(errors('trước 03 ngày làm việc diễn ra Hội nghị')[0]).toMatchObject({
        rule: 'workingDays',
        fragment: '03 ngày làm việc',
      });
      // A month's part is read (due.forms.spec.ts); the start or middle of a quarter names no day.
      expect(errors('đầu quý II/2023')[0]).toMatchObject({ rule: 'imprecise', fragment: 'đầu quý II/2023' });
    });

    it('refuses "sau khi" that names no event', () => {
      expect(errors('sau khi')[0]).toMatchObject({ rule: 'eventMissing', fragment: 'sau khi' });
    });

    it('reports every unreadable part of a cell, not only the first', () => {
      expect(errors('Quý I/2023; Quý V/2023; tháng 13/2023').map((e) => [e.fragment, e.position])).toEqual([
        ['Quý V/2023', 12],
        ['tháng 13/2023', 24],
      ]);
    });

    it('quotes positions in the text as given, even with decomposed accents', () => {
      const text = 'Thường xuyên; xyz'.normalize('NFD');
      const [error] = errors(text, { year: 2023 });
      expect(text.slice(error.position, error.position + error.length)).toBe('xyz');
    });

    it('refuses an empty or overlong text', () => {
      expect(errors('  . ')[0].rule).toBe('empty');
      expect(errors('Quý I/2023 '.repeat(200))[0].rule).toBe('tooLong');
    });

    it('throws on a context that is a programming error: an unknown zone or a bad plan year', () => {
      expect(() => parseDue('Quý I/2023', { zone: 'Asia/Hanoi' })).toThrow(RangeError);
      expect(() => parseDue('Quý I/2023', { zone: VN, year: 23 })).toThrow(RangeError);
    });
  });

  describe('any text', () => {
    const PIECES = [
      'ngày',
      'tháng',
      'năm',
      'quý',
      'Quý',
      'I',
      'IV',
      'V',
      'trước',
      'chậm nhất',
      'từ',
      'đến',
      'hết',
      'và',
      ',',
      ';',
      '.',
      '/',
      '-',
      ':',
      '(',
      ')',
      'lúc',
      'giờ',
      'phút',
      'h',
      'Thứ',
      'Tư',
      'định kỳ',
      'hàng',
      'thường xuyên',
      'trong',
      'sau khi',
      'Hội nghị',
      'diễn ra',
      'kết thúc',
      'đối với',
      'báo cáo',
      '6',
      '06',
      '30',
      '31',
      '29',
      '02',
      '12',
      '13',
      '2023',
      '23',
      'theo',
      'đầu',
      'làm việc',
      'tuần',
      'số',
      '1648/QĐ-UBND',
      'kể từ',
      'nửa',
      '\n',
    ];

    it('is read or refused, never thrown at, and every refusal quotes the text as given', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }),
          fc.constantFrom(' ', ''),
          fc.option(fc.constant(2023), { nil: undefined }),
          (parts, glue, year) => {
            const text = parts.join(glue);
            const result = parseDue(text, { zone: VN, year });
            const quoted = result.ok ? [] : result.errors.filter((e) => e.fragment !== '');
            for (const e of quoted) expect(text.slice(e.position, e.position + e.length)).toBe(e.fragment);
          },
        ),
        { numRuns: 2000 },
      );
    });
  });

  describe('warnings', () => {
    it('warns when a due falls before the plan’s own date (001 dates clusters in 2022)', () => {
      const result = parseDue('lúc 13 giờ 30 phút ngày 07 tháng 4 năm 2022', {
        zone: VN,
        referenceDate: new Date('2023-03-01T03:00:00Z'),
      });
      expect(result.ok && result.warnings).toEqual([
        expect.objectContaining({
          code: 'DUE_BEFORE_REFERENCE',
          fragment: 'lúc 13 giờ 30 phút ngày 07 tháng 4 năm 2022',
          position: 0,
        }),
      ]);
    });

    it('does not warn for dues after the plan’s date or without an instant', () => {
      const result = parseDue('chậm nhất ngày 24/02/2023; trước 03 ngày diễn ra Hội nghị', {
        zone: VN,
        referenceDate: new Date('2023-02-13T02:00:00Z'),
      });
      expect(result.ok && result.warnings).toEqual([]);
    });
  });
});
