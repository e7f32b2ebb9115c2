import { dueFromInput } from './due.input';
import { parseDue } from './due.parser';
import { validateDue, validateDues } from './due.validate';

const VN = 'Asia/Ho_Chi_Minh';

function refused(input: unknown, language: 'vi' | 'en' = 'en') {
  const result = validateDue(input, { zone: VN, language });
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result.errors;
}

describe(validateDue.name, () => {
  describe('what it accepts', () => {
    it('gives the same due as the Vietnamese text it stands for', () => {
      const result = validateDue({ kind: 'on_date', date: '2023-02-24', latest: true }, { zone: VN });
      const parsed = parseDue('chậm nhất ngày 24/02/2023', { zone: VN });
      expect(result.ok && result.due).toEqual(parsed.ok && parsed.dues[0]);
    });

    it('keeps a text and a note it is given, on one line and in NFC', () => {
      const result = validateDue(
        {
          kind: 'quarter',
          year: 2023,
          quarter: 1,
          text: 'Quý I\n tham mưu'.normalize('NFD'),
          note: ' tham mưu ban hành ',
        },
        { zone: VN },
      );
      expect(result.ok && result.due).toMatchObject({ text: 'Quý I tham mưu', note: 'tham mưu ban hành' });
    });

    it('recomputes the derived members a client sends back instead of trusting them', () => {
      const result = validateDue(
        {
          kind: 'month',
          month: '2023-09',
          precision: 'year',
          period: null,
          resolvesAt: '1999-01-01T00:00:00Z',
          zone: 'UTC',
        },
        { zone: VN },
      );
      expect(result.ok && result.due).toMatchObject({
        precision: 'month',
        resolvesAt: '2023-10-01T00:00:00+07:00',
        zone: VN,
      });
    });

    it('fills the defaults of the canonical form: not "latest", not "before"', () => {
      expect(validateDue({ kind: 'on_date', date: '2023-10-30' }, { zone: VN })).toMatchObject({
        due: { latest: false },
      });
      expect(validateDue({ kind: 'recurring', rule: { frequency: 'monthly', day: 20 } }, { zone: VN })).toMatchObject({
        due: { rule: { frequency: 'monthly', day: 20, before: false } },
      });
    });

    it('accepts the recurring reports of 003 with their labels', () => {
      const result = validateDue(
        { kind: 'recurring', rule: { frequency: 'yearly', month: 6, day: 30, before: true, label: 'báo cáo 6 tháng' } },
        { zone: VN },
      );
      expect(result.ok && result.due.text).toBe('trước ngày 30 tháng 6 hàng năm đối với báo cáo 6 tháng');
    });
  });

  describe('what it refuses, naming the field and the rule', () => {
    it('refuses 30/02 and 31/04, and 29/02 outside leap years', () => {
      expect(refused({ kind: 'before_date', date: '2023-02-30' })).toEqual([
        {
          field: 'due.date',
          rule: 'calendarDate',
          message: 'due.date: 30/2/2023 does not exist, February 2023 has 28 days.',
        },
      ]);
      expect(refused({ kind: 'on_date', date: '2023-04-31' })[0].rule).toBe('calendarDate');
      expect(refused({ kind: 'on_date', date: '2023-02-29' })[0].rule).toBe('calendarDate');
      expect(validateDue({ kind: 'on_date', date: '2024-02-29' }, { zone: VN }).ok).toBe(true);
    });

    it('refuses month 13 in a date and in a month', () => {
      expect(refused({ kind: 'on_date', date: '2023-13-01' })[0]).toMatchObject({ field: 'due.date', rule: 'month' });
      expect(refused({ kind: 'month', month: '2023-13' })[0]).toMatchObject({ field: 'due.month', rule: 'month' });
      expect(refused({ kind: 'months', months: ['2023-11', '2023-13'] })[0]).toMatchObject({
        field: 'due.months[1]',
        rule: 'month',
      });
    });

    it('refuses quarter 5 and half-year 3', () => {
      expect(refused({ kind: 'quarter', year: 2023, quarter: 5 })).toEqual([
        { field: 'due.quarter', rule: 'range', message: 'due.quarter must be between 1 and 4.' },
      ]);
      expect(refused({ kind: 'half_year', year: 2023, half: 3 })[0]).toMatchObject({
        field: 'due.half',
        rule: 'range',
      });
      expect(refused({ kind: 'quarter', year: 2023, quarter: 3, through: 2 })).toEqual([
        { field: 'due.through', rule: 'after', message: 'due.through must be greater than due.quarter.' },
      ]);
    });

    it('refuses a range that ends before it starts', () => {
      expect(refused({ kind: 'date_range', from: '2023-03-10', to: '2023-03-06' })).toEqual([
        {
          field: 'due.to',
          rule: 'rangeOrder',
          message: 'due.to: the range ends (2023-03-06) before it starts (2023-03-10).',
        },
      ]);
    });

    it('refuses months out of order, repeated, or alone', () => {
      expect(refused({ kind: 'months', months: ['2023-11', '2023-10'] })[0]).toMatchObject({
        field: 'due.months',
        rule: 'ascending',
      });
      expect(refused({ kind: 'months', months: ['2023-11', '2023-11'] })[0].rule).toBe('ascending');
      expect(refused({ kind: 'months', months: ['2023-11'] })[0].rule).toBe('arrayMinSize');
    });

    it('refuses shapes it does not know', () => {
      expect(refused({ kind: 'at_time', date: '05/04/2023', time: '1:30' }).map((e) => [e.field, e.rule])).toEqual([
        ['due.date', 'isDateString'],
        ['due.time', 'isTime'],
      ]);
      expect(refused({ kind: 'at_time', date: '2023-04-05', time: '24:00' })[0].rule).toBe('time');
      expect(refused({ kind: 'year', year: '2023' })[0]).toMatchObject({ field: 'due.year', rule: 'isInt' });
      expect(refused({ kind: 'year', year: 23 })[0]).toMatchObject({ field: 'due.year', rule: 'range' });
      expect(refused({ kind: 'on_date', date: '2023-02-24', latest: 'yes' })[0].rule).toBe('isBoolean');
    });

    it('refuses what is not a due at all', () => {
      expect(refused('Quý I/2023')).toEqual([{ field: 'due', rule: 'isObject', message: 'due must be an object.' }]);
      expect(refused({ kind: 'sometime' })[0]).toMatchObject({ field: 'due.kind', rule: 'isIn' });
      expect(refused({})[0]).toMatchObject({ field: 'due.kind', rule: 'isDefined' });
    });

    it('refuses members that do not belong to the kind', () => {
      expect(refused({ kind: 'year', year: 2023, quarter: 1 })).toEqual([
        {
          field: 'due.quarter',
          rule: 'unknownProperty',
          message: 'due.quarter is not a known property of a year due.',
        },
      ]);
      expect(refused({ kind: 'recurring', rule: { frequency: 'quarterly', day: 5 } })[0]).toMatchObject({
        field: 'due.rule.day',
        rule: 'unknownProperty',
      });
    });

    it('refuses recurring rules that cannot hold every year', () => {
      expect(refused({ kind: 'recurring', rule: { frequency: 'yearly', month: 2, day: 29 } })[0]).toMatchObject({
        field: 'due.rule.day',
        rule: 'yearlyLeapDay',
      });
      expect(refused({ kind: 'recurring', rule: { frequency: 'yearly', month: 4, day: 31 } })[0]).toMatchObject({
        field: 'due.rule.day',
        rule: 'range',
      });
      expect(refused({ kind: 'recurring', rule: { frequency: 'yearly', day: 10 } })[0]).toMatchObject({
        field: 'due.rule.month',
        rule: 'dayNeedsMonth',
      });
      expect(refused({ kind: 'recurring', rule: { frequency: 'monthly', before: true } })[0]).toMatchObject({
        field: 'due.rule.before',
        rule: 'beforeNeedsDay',
      });
      expect(refused({ kind: 'recurring', rule: { frequency: 'yearly' }, year: 2023 })[0]).toMatchObject({
        field: 'due.year',
        rule: 'yearlyWithinYear',
      });
      expect(refused({ kind: 'recurring', rule: { frequency: 'weekly' } })[0]).toMatchObject({
        field: 'due.rule.frequency',
        rule: 'isIn',
      });
    });

    it('refuses relative dues on unknown events or too far away', () => {
      expect(refused({ kind: 'relative_to_event', event: 'conference_middle', offsetDays: -3 })[0]).toMatchObject({
        field: 'due.event',
        rule: 'isIn',
      });
      expect(refused({ kind: 'relative_to_event', event: 'conference_start', offsetDays: -400 })[0]).toMatchObject({
        field: 'due.offsetDays',
        rule: 'range',
      });
      expect(refused({ kind: 'relative_to_event', event: 'conference_start', offsetDays: 1.5 })[0].rule).toBe('isInt');
    });

    it('refuses empty or overlong free text', () => {
      expect(refused({ kind: 'after_event', event: '   ' })[0]).toMatchObject({
        field: 'due.event',
        rule: 'isNotEmpty',
      });
      expect(refused({ kind: 'per_reference', reference: 'x'.repeat(501) })[0]).toMatchObject({
        field: 'due.reference',
        rule: 'maxLength',
      });
      expect(refused({ kind: 'year', year: 2023, note: 7 })[0]).toMatchObject({ field: 'due.note', rule: 'isString' });
    });

    it('reports every problem at once, in Vietnamese by default', () => {
      expect(refused({ kind: 'date_range', from: '2023-02-30', to: 'soon' }, 'vi')).toEqual([
        {
          field: 'due.from',
          rule: 'calendarDate',
          message: 'due.from: ngày 30/2/2023 không tồn tại, tháng 2 năm 2023 chỉ có 28 ngày.',
        },
        { field: 'due.to', rule: 'isDateString', message: 'due.to phải có dạng YYYY-MM-DD.' },
      ]);
    });
  });
});

describe(validateDues.name, () => {
  it('names each item of a list by its place', () => {
    const result = validateDues(
      [
        { kind: 'year', year: 2023 },
        { kind: 'quarter', year: 2023, quarter: 0 },
      ],
      { zone: VN, field: 'dues', language: 'en' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'dues[1].quarter', rule: 'range', message: 'dues[1].quarter must be between 1 and 4.' }],
    });
  });

  it('gives every due of a valid list in order', () => {
    const result = validateDues(
      [
        { kind: 'year', year: 2023 },
        { kind: 'quarter', year: 2023, quarter: 1 },
      ],
      { zone: VN },
    );
    expect(result.ok && result.dues.map((d) => d.kind)).toEqual(['year', 'quarter']);
  });
});

describe(dueFromInput.name, () => {
  const context = { zone: VN, year: 2023, referenceDate: new Date('2023-02-13T02:00:00Z') };

  it('parses a text into its dues, with warnings', () => {
    const result = dueFromInput('trước ngày 28/02/2023; Tháng 01/2023', context);
    expect(result.ok && result.dues.map((d) => d.kind)).toEqual(['before_date', 'month']);
    expect(result.ok && result.warnings.map((w) => w.fragment)).toEqual(['Tháng 01/2023']);
  });

  it('answers an unreadable text as a 400 that quotes the fragment and its position', () => {
    const result = dueFromInput('Quý I/2023; khi nào xong', context, { field: 'tasks[0].due', language: 'en' });
    expect(result).toEqual({
      ok: false,
      problem: {
        status: 400,
        code: 'DUE_UNREADABLE',
        detail: 'No due could be read in “khi nào xong”.',
        errors: [
          {
            field: 'tasks[0].due',
            rule: 'noDue',
            message: 'No due could be read in “khi nào xong”.',
            fragment: 'khi nào xong',
            position: 12,
          },
        ],
      },
    });
  });

  it('answers a contradictory structure as a 422 naming the field', () => {
    const result = dueFromInput({ kind: 'before_date', date: '2023-02-30' }, context, { language: 'en' });
    expect(result).toMatchObject({
      ok: false,
      problem: { status: 422, code: 'VALIDATION_FAILED', errors: [{ field: 'due.date', rule: 'calendarDate' }] },
    });
  });

  it('accepts a structure or a list of structures, and warns about dues before the plan’s date', () => {
    const one = dueFromInput({ kind: 'on_date', date: '2023-02-01', latest: true }, context);
    expect(one.ok && one.warnings).toEqual([
      expect.objectContaining({ code: 'DUE_BEFORE_REFERENCE', fragment: 'chậm nhất ngày 01/02/2023' }),
    ]);
    const many = dueFromInput(
      [
        { kind: 'year', year: 2023 },
        { kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 },
      ],
      context,
    );
    expect(many.ok && many.dues).toHaveLength(2);
  });

  it('refuses a number as a due', () => {
    expect(dueFromInput(42, context)).toMatchObject({
      ok: false,
      problem: { status: 422, errors: [{ field: 'due', rule: 'isObject' }] },
    });
  });
});
