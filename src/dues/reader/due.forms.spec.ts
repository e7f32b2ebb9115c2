import { formatDeadline } from './due.deadline';
import { formatDue } from './due.format';
import { Due, DueContext } from './due.model';
import { parseDue } from './due.parser';
import { validateDue } from './due.validate';

/**
 * The forms of issue 16 ("the due and time reader"), each read whole: kind, date(s), time, the
 * period and the instant it is due, the marks of precision, and what the formatter says back.
 * Instants are written with the plan's offset so the expectations hold whatever the machine's TZ.
 */
const VN = 'Asia/Ho_Chi_Minh';

function read(text: string, context: Partial<DueContext> = {}): Omit<Due, 'zone'>[] {
  const result = parseDue(text, { zone: VN, ...context });
  if (!result.ok) throw new Error(`expected "${text}" to parse, got ${JSON.stringify(result.errors)}`);
  return result.dues.map(({ zone, ...rest }) => {
    expect(zone).toBe(VN);
    return rest;
  });
}

function refused(text: string, context: Partial<DueContext> = {}) {
  const result = parseDue(text, { zone: VN, ...context });
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${JSON.stringify(result.dues)}`);
  return result.errors;
}

describe('times written as plans write them', () => {
  const at = (text: string, time: string) => ({
    kind: 'at_time',
    date: '2023-03-15',
    time,
    text,
    precision: 'minute',
    period: null,
    resolvesAt: `2023-03-15T${time}:00+07:00`,
  });

  it.each([
    ['07h30’ ngày 15/3/2023', '07:30'],
    ["7h30' ngày 15/3/2023", '07:30'],
    ['7 giờ 30’ ngày 15/3/2023', '07:30'],
    ['7 giờ ngày 15/3/2023', '07:00'],
    ['08h00 ngày 15/3/2023', '08:00'],
    ['ngày 15/3/2023 (8h30)', '08:30'],
    ['(8h30) ngày 15/3/2023', '08:30'],
  ])('reads "%s" as due at %s that day, not at its end', (text, time) => {
    expect(read(text)).toEqual([at(text, time)]);
  });

  it('says the minute back, in the plan’s zone', () => {
    const [due] = parseDue('ngày 15/3/2023 (8h30)', { zone: VN }).ok
      ? (parseDue('ngày 15/3/2023 (8h30)', { zone: VN }) as { dues: Due[] }).dues
      : [];
    expect(formatDue(due)).toBe('lúc 08 giờ 30 phút ngày 15/03/2023');
    expect(formatDeadline(due)).toBe('08 giờ 30 phút, Thứ Tư, ngày 15/3/2023');
  });

  it('keeps refusing an hour that does not exist', () => {
    expect(refused('25h30’ ngày 15/3/2023')[0]).toMatchObject({ rule: 'time', fragment: '25h30’' });
  });
});

describe('ranges of days', () => {
  const range = (text: string, from: string, to: string, end: string) => ({
    kind: 'date_range',
    from,
    to,
    text,
    precision: 'day',
    period: { start: `${from}T00:00:00+07:00`, end },
    resolvesAt: end,
  });

  it('reads "(6-7/12/2015)" with its first day', () => {
    expect(read('(6-7/12/2015)')).toEqual([
      range('6-7/12/2015', '2015-12-06', '2015-12-07', '2015-12-08T00:00:00+07:00'),
    ]);
  });

  it('reads "trong 2 ngày (6-7/12/2015)", the count agreeing with the range', () => {
    expect(read('trong 2 ngày (6-7/12/2015)')).toEqual([
      range('trong 2 ngày (6-7/12/2015)', '2015-12-06', '2015-12-07', '2015-12-08T00:00:00+07:00'),
    ]);
  });

  it('reads an en dash: "27–28/3/2024"', () => {
    expect(read('27–28/3/2024')).toEqual([
      range('27–28/3/2024', '2024-03-27', '2024-03-28', '2024-03-29T00:00:00+07:00'),
    ]);
  });

  it('reads "trong 02 ngày 27–28/3" in the plan’s year', () => {
    expect(read('trong 02 ngày 27–28/3', { year: 2024 })).toEqual([
      range('trong 02 ngày 27–28/3', '2024-03-27', '2024-03-28', '2024-03-29T00:00:00+07:00'),
    ]);
  });

  it('refuses a stated count that disagrees with the range, naming the rule', () => {
    const [error] = refused('trong 03 ngày 27–28/3/2024');
    expect(error).toMatchObject({ rule: 'dayCount', fragment: 'trong 03 ngày 27–28/3/2024', position: 0 });
    expect(error.message.vi).toContain('3 ngày');
    expect(error.message.en).toContain('covers 2 days');
  });

  it('does not take a page count for a range', () => {
    expect(refused('4-6 trang')[0].rule).toBe('noDue');
  });
});

describe('marks of precision', () => {
  it('keeps "dự kiến" as tentative, before or after the due, and says it back', () => {
    expect(read('dự kiến cuối tháng 10-2018')).toEqual([
      {
        kind: 'month',
        month: '2018-10',
        part: 'late',
        tentative: true,
        text: 'dự kiến cuối tháng 10-2018',
        precision: 'month',
        period: { start: '2018-10-21T00:00:00+07:00', end: '2018-11-01T00:00:00+07:00' },
        resolvesAt: '2018-11-01T00:00:00+07:00',
      },
    ]);
    expect(read('trước ngày 15/3/2024 dự kiến')[0]).toMatchObject({ tentative: true });
    // "dự kiến" that opens other words after the due is not a mark of it.
    const [other] = read('Tháng 9/2023 dự kiến tổ chức sơ kết');
    expect(other).toMatchObject({ kind: 'month', note: 'dự kiến tổ chức sơ kết' });
    expect(other).not.toHaveProperty('tentative');
    const [after] = read('Tháng 9/2023 (dự kiến)');
    expect(after).toMatchObject({ kind: 'month', month: '2023-09', tentative: true });
    expect(after.note).toBeUndefined();
    const [due] = (parseDue('dự kiến trước ngày 15/3/2024', { zone: VN }) as { dues: Due[] }).dues;
    expect(formatDue(due)).toBe('dự kiến trước ngày 15/03/2024');
    expect(formatDue(due, 'en')).toBe('before 15 March 2024 (tentative)');
    expect(formatDeadline(due)).toBe('hết ngày 14/03/2024 (dự kiến)');
  });

  it.each([
    ['đầu tháng 9/2023', 'early', '2023-09-01', '2023-09-11', 'hết ngày 10/09/2023', 'early September 2023'],
    ['giữa tháng 9/2023', 'mid', '2023-09-11', '2023-09-21', 'hết ngày 20/09/2023', 'mid September 2023'],
    ['cuối tháng 9/2023', 'late', '2023-09-21', '2023-10-01', 'hết ngày 30/09/2023', 'late September 2023'],
    ['cuối tháng 2/2024', 'late', '2024-02-21', '2024-03-01', 'hết ngày 29/02/2024', 'late February 2024'],
  ])('reads "%s" as the %s part of the month', (text, part, start, end, deadline, en) => {
    const [due] = (parseDue(text, { zone: VN }) as { dues: Due[] }).dues;
    expect(due).toEqual({
      kind: 'month',
      month: start.slice(0, 7),
      part,
      text,
      zone: VN,
      precision: 'month',
      period: { start: `${start}T00:00:00+07:00`, end: `${end}T00:00:00+07:00` },
      resolvesAt: `${end}T00:00:00+07:00`,
    });
    expect(formatDeadline(due)).toBe(deadline);
    expect(formatDue(due, 'en')).toBe(en);
  });

  it('keeps "cuối quý" and "cuối năm" (due at the period’s end) and refuses the start or middle of one', () => {
    expect(read('cuối quý III/2023')).toEqual([
      {
        kind: 'quarter',
        year: 2023,
        quarter: 3,
        part: 'late',
        text: 'cuối quý III/2023',
        precision: 'quarter',
        period: { start: '2023-07-01T00:00:00+07:00', end: '2023-10-01T00:00:00+07:00' },
        resolvesAt: '2023-10-01T00:00:00+07:00',
      },
    ]);
    expect(read('cuối năm 2023')[0]).toMatchObject({ kind: 'year', year: 2023, part: 'late' });
    expect(refused('đầu quý II/2023')[0]).toMatchObject({ rule: 'imprecise', fragment: 'đầu quý II/2023' });
    expect(refused('giữa năm 2024')[0]).toMatchObject({ rule: 'imprecise', fragment: 'giữa năm 2024' });
    expect(refused('cuối tháng 10, 11 năm 2023')[0].rule).toBe('imprecise');
  });

  it('accepts the same marks as a structure, and refuses a part a period cannot have', () => {
    const month = validateDue({ kind: 'month', month: '2023-09', part: 'mid', tentative: true }, { zone: VN });
    expect(month.ok && month.due).toMatchObject({
      part: 'mid',
      tentative: true,
      resolvesAt: '2023-09-21T00:00:00+07:00',
    });
    expect(month.ok && month.due.text).toBe('dự kiến giữa tháng 9 năm 2023');
    const quarter = validateDue({ kind: 'quarter', year: 2023, quarter: 1, part: 'early' }, { zone: VN });
    expect(!quarter.ok && quarter.errors).toEqual([
      expect.objectContaining({ field: 'due.part', rule: 'partOfPeriod' }),
    ]);
    const bad = validateDue({ kind: 'month', month: '2023-09', part: 'soon' }, { zone: VN });
    expect(!bad.ok && bad.errors[0]).toMatchObject({ field: 'due.part', rule: 'isIn' });
  });

  it('does not take "bắt đầu" for the start of a month', () => {
    expect(read('bắt đầu tháng 9/2023')[0]).toMatchObject({ kind: 'month', month: '2023-09', note: 'bắt đầu' });
    expect(read('bắt đầu tháng 9/2023')[0]).not.toHaveProperty('part');
  });
});

describe('"định kỳ" before a period', () => {
  it('reads "định kỳ tháng 7/2025" as one due, that month', () => {
    expect(read('định kỳ tháng 7/2025')).toEqual([
      {
        kind: 'month',
        month: '2025-07',
        text: 'định kỳ tháng 7/2025',
        precision: 'month',
        period: { start: '2025-07-01T00:00:00+07:00', end: '2025-08-01T00:00:00+07:00' },
        resolvesAt: '2025-08-01T00:00:00+07:00',
      },
    ]);
    expect(read('Báo cáo định kỳ quý III/2025')).toEqual([
      expect.objectContaining({ kind: 'quarter', year: 2025, quarter: 3, note: 'Báo cáo' }),
    ]);
  });

  it('still reads "Định kỳ hàng tháng" as recurring', () => {
    expect(read('Định kỳ hàng tháng')).toEqual([
      expect.objectContaining({ kind: 'recurring', rule: { frequency: 'monthly' } }),
    ]);
  });
});
