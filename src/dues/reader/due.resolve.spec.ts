import { Due, DueSpec } from './due.model';
import { occurrences } from './due.occurrences';
import { parseDue } from './due.parser';
import { buildDue, lastDayOnTime, resolveForSchedule, resolveRelative, specOf } from './due.resolve';

const VN = 'Asia/Ho_Chi_Minh';
const build = (spec: DueSpec, zone = VN) => buildDue(spec, { zone });
const instant = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());

function parsed(text: string, zone = VN): Due {
  const result = parseDue(text, { zone });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.dues[0];
}

describe(buildDue.name, () => {
  describe('the resolution convention', () => {
    it('makes "trước ngày X" due when day X starts, in the plan’s zone', () => {
      expect(parsed('trước ngày 28/02/2023')).toMatchObject({
        precision: 'day',
        period: null,
        resolvesAt: '2023-02-28T00:00:00+07:00',
      });
    });

    it('makes "chậm nhất ngày X" due when day X ends, with no period', () => {
      expect(parsed('chậm nhất ngày 24/02/2023')).toMatchObject({
        precision: 'day',
        period: null,
        resolvesAt: '2023-02-25T00:00:00+07:00',
      });
    });

    it('makes "Ngày X" cover day X and be due when it ends', () => {
      expect(parsed('Ngày 30/10/2023')).toMatchObject({
        period: { start: '2023-10-30T00:00:00+07:00', end: '2023-10-31T00:00:00+07:00' },
        resolvesAt: '2023-10-31T00:00:00+07:00',
      });
    });

    it('makes a time due at that minute', () => {
      expect(parsed('lúc 13 giờ 30 phút ngày 05 tháng 4 năm 2023')).toMatchObject({
        precision: 'minute',
        resolvesAt: '2023-04-05T13:30:00+07:00',
      });
    });

    it('makes a range cover both of its days', () => {
      expect(parsed('từ ngày 06 đến ngày 10 tháng 3 năm 2023')).toMatchObject({
        period: { start: '2023-03-06T00:00:00+07:00', end: '2023-03-11T00:00:00+07:00' },
        resolvesAt: '2023-03-11T00:00:00+07:00',
      });
    });

    it('leaves recurring, relative and event-bound dues without an instant, with their precision', () => {
      expect(parsed('Định kỳ hàng tháng')).toMatchObject({ precision: 'month', resolvesAt: null });
      expect(parsed('trước ngày 20 hàng tháng')).toMatchObject({ precision: 'day', resolvesAt: null });
      expect(parsed('trước 03 ngày diễn ra Hội nghị')).toMatchObject({
        precision: 'day',
        resolvesAt: null,
        eventAt: null,
      });
      expect(parsed('Sau khi UBND tỉnh ban hành Kế hoạch')).toMatchObject({ precision: 'none', resolvesAt: null });
    });

    it('gives a recurring due limited to a year that year as its period', () => {
      expect(build({ kind: 'recurring', rule: { frequency: 'monthly' }, year: 2023 }).period).toEqual({
        start: '2023-01-01T00:00:00+07:00',
        end: '2024-01-01T00:00:00+07:00',
      });
    });

    it('writes the text in Vietnamese when a structured due has none', () => {
      expect(build({ kind: 'quarter', year: 2023, quarter: 3 }).text).toBe('quý III/2023');
    });
  });

  describe('calendar edges', () => {
    it.each([
      ['2023-01', '2023-02-01T00:00:00+07:00'],
      ['2023-04', '2023-05-01T00:00:00+07:00'],
      ['2023-02', '2023-03-01T00:00:00+07:00'],
      ['2024-02', '2024-03-01T00:00:00+07:00'],
      ['2023-12', '2024-01-01T00:00:00+07:00'],
    ])('ends month %s at the first instant of the next month', (month, end) => {
      expect(build({ kind: 'month', month }).resolvesAt).toBe(end);
    });

    it('ends the 31st of a 31-day month at the 1st of the next, and the 30th of a 30-day month likewise', () => {
      expect(parsed('chậm nhất ngày 31/01/2023').resolvesAt).toBe('2023-02-01T00:00:00+07:00');
      expect(parsed('chậm nhất ngày 30/04/2023').resolvesAt).toBe('2023-05-01T00:00:00+07:00');
    });

    it('ends 29/02 of a leap year at 1 March, and 28/02 of another year at 1 March too', () => {
      expect(parsed('chậm nhất ngày 29/02/2024').resolvesAt).toBe('2024-03-01T00:00:00+07:00');
      expect(parsed('chậm nhất ngày 28/02/2023').resolvesAt).toBe('2023-03-01T00:00:00+07:00');
    });

    it.each([
      [1, '2023-01-01', '2023-04-01'],
      [2, '2023-04-01', '2023-07-01'],
      [3, '2023-07-01', '2023-10-01'],
      [4, '2023-10-01', '2024-01-01'],
    ])('runs quarter %i from %s to %s', (quarter, start, end) => {
      expect(build({ kind: 'quarter', year: 2023, quarter }).period).toEqual({
        start: `${start}T00:00:00+07:00`,
        end: `${end}T00:00:00+07:00`,
      });
    });

    it('ends the first half-year on 1 July and the second on 1 January of the next year', () => {
      expect(build({ kind: 'half_year', year: 2023, half: 1 }).resolvesAt).toBe('2023-07-01T00:00:00+07:00');
      expect(build({ kind: 'half_year', year: 2023, half: 2 }).resolvesAt).toBe('2024-01-01T00:00:00+07:00');
    });

    it('carries months across the new year: December to February', () => {
      expect(build({ kind: 'months', months: ['2023-12', '2024-01', '2024-02'] }).period).toEqual({
        start: '2023-12-01T00:00:00+07:00',
        end: '2024-03-01T00:00:00+07:00',
      });
    });

    it('ends a year and an ongoing due on 1 January of the next year', () => {
      expect(build({ kind: 'year', year: 2023 }).resolvesAt).toBe('2024-01-01T00:00:00+07:00');
      expect(build({ kind: 'ongoing', year: 2023 }).period).toEqual({
        start: '2023-01-01T00:00:00+07:00',
        end: '2024-01-01T00:00:00+07:00',
      });
    });
  });

  describe('zones', () => {
    it('gives another instant in another zone, for the same wall-clock day', () => {
      const vietnam = parsed('chậm nhất ngày 24/02/2023', VN);
      const newYork = parsed('chậm nhất ngày 24/02/2023', 'America/New_York');
      expect(instant(vietnam.resolvesAt)).toBe('2023-02-24T17:00:00.000Z');
      expect(instant(newYork.resolvesAt)).toBe('2023-02-25T05:00:00.000Z');
      expect(lastDayOnTime(vietnam)).toEqual({ year: 2023, month: 2, day: 24 });
      expect(lastDayOnTime(newYork)).toEqual({ year: 2023, month: 2, day: 24 });
      expect(newYork.zone).toBe('America/New_York');
    });

    it('follows daylight saving in zones that have it', () => {
      expect(build({ kind: 'month', month: '2023-03' }, 'Europe/Paris').period).toEqual({
        start: '2023-03-01T00:00:00+01:00',
        end: '2023-04-01T00:00:00+02:00',
      });
    });

    it('refuses a zone that is not an IANA zone', () => {
      expect(() => build({ kind: 'year', year: 2023 }, 'UTC+7')).toThrow(RangeError);
    });
  });
});

describe(resolveRelative.name, () => {
  const threeDaysBefore = parsed('trước 03 ngày diễn ra Hội nghị');

  it('makes "3 days before" due by the end of the third day before the conference’s day', () => {
    const due = resolveRelative(threeDaysBefore, new Date('2023-03-08T00:30:00Z'), VN);
    expect(due).toMatchObject({ resolvesAt: '2023-03-06T00:00:00+07:00', eventAt: '2023-03-08T07:30:00+07:00' });
    expect(lastDayOnTime(due)).toEqual({ year: 2023, month: 3, day: 5 });
  });

  it('counts days in the conference’s zone, not in UTC', () => {
    // 03:00 on 8 March in Vietnam is still 7 March in UTC.
    const due = resolveRelative(threeDaysBefore, new Date('2023-03-07T20:00:00Z'), VN);
    expect(lastDayOnTime(due)).toEqual({ year: 2023, month: 3, day: 5 });
  });

  it('is recomputed when the conference moves, across a year boundary', () => {
    const moved = resolveRelative(
      resolveRelative(threeDaysBefore, new Date('2023-03-08T00:30:00Z'), VN),
      new Date('2024-01-02T01:00:00Z'),
      VN,
    );
    expect(lastDayOnTime(moved)).toEqual({ year: 2023, month: 12, day: 30 });
    expect(moved.resolvesAt).toBe('2023-12-31T00:00:00+07:00');
  });

  it('stays unresolved, and is shown so, while the conference has no date', () => {
    const resolved = resolveRelative(threeDaysBefore, new Date('2023-03-08T00:30:00Z'), VN);
    expect(resolveRelative(resolved, null, VN)).toMatchObject({ resolvesAt: null, eventAt: null });
  });

  it('counts days after the conference’s end for "sau 05 ngày kể từ ngày kết thúc Hội nghị"', () => {
    const due = resolveRelative(
      parsed('sau 05 ngày kể từ ngày kết thúc Hội nghị'),
      new Date('2023-03-08T10:00:00Z'),
      VN,
    );
    expect(lastDayOnTime(due)).toEqual({ year: 2023, month: 3, day: 13 });
  });

  it('leaves other dues as they are', () => {
    const fixed = parsed('chậm nhất ngày 24/02/2023');
    expect(resolveRelative(fixed, new Date('2023-03-08T00:30:00Z'), VN)).toBe(fixed);
  });
});

describe(resolveForSchedule.name, () => {
  const schedule = { start: new Date('2023-03-08T00:30:00Z'), end: new Date('2023-03-10T10:00:00Z') };

  it('resolves each relative due against the start or the end of the conference', () => {
    const before = resolveForSchedule(parsed('trước 03 ngày diễn ra Hội nghị'), schedule);
    const after = resolveForSchedule(parsed('sau 02 ngày kể từ ngày kết thúc Hội nghị'), schedule);
    expect([lastDayOnTime(before), lastDayOnTime(after)]).toEqual([
      { year: 2023, month: 3, day: 5 },
      { year: 2023, month: 3, day: 12 },
    ]);
  });

  it('leaves them unresolved while the conference is not scheduled', () => {
    expect(
      resolveForSchedule(parsed('trước 03 ngày diễn ra Hội nghị'), { start: null, end: null }).resolvesAt,
    ).toBeNull();
  });
});

describe(lastDayOnTime.name, () => {
  it.each([
    ['trước ngày 01/9/2023', { year: 2023, month: 8, day: 31 }],
    ['Tháng 9 năm 2023', { year: 2023, month: 9, day: 30 }],
    ['Quý IV/2023', { year: 2023, month: 12, day: 31 }],
    ['lúc 13 giờ 30 phút ngày 05 tháng 4 năm 2023', { year: 2023, month: 4, day: 5 }],
  ])('gives the last day on time for “%s”', (text, day) => {
    expect(lastDayOnTime(parsed(text))).toEqual(day);
  });

  it('gives nothing for a due without an instant', () => {
    expect(lastDayOnTime(parsed('Định kỳ hàng tháng'))).toBeNull();
  });
});

describe(specOf.name, () => {
  it('keeps what a person chose and drops the text and what was derived', () => {
    const due = resolveRelative(parsed('trước 03 ngày diễn ra Hội nghị'), new Date('2023-03-08T00:30:00Z'));
    expect(specOf(due)).toEqual({ kind: 'relative_to_event', event: 'conference_start', offsetDays: -3 });
  });
});

describe(occurrences.name, () => {
  const year2023 = { from: new Date('2023-01-01T00:00:00+07:00'), to: new Date('2024-01-01T00:00:00+07:00') };

  it('gives one monthly occurrence per month, each due when its month ends', () => {
    const found = occurrences(build({ kind: 'recurring', rule: { frequency: 'monthly' } }), {
      from: new Date('2023-01-01T00:00:01+07:00'),
      to: new Date('2024-01-01T00:00:01+07:00'),
    });
    expect(found.map((o) => o.resolvesAt)).toEqual([
      '2023-02-01T00:00:00+07:00',
      '2023-03-01T00:00:00+07:00',
      '2023-04-01T00:00:00+07:00',
      '2023-05-01T00:00:00+07:00',
      '2023-06-01T00:00:00+07:00',
      '2023-07-01T00:00:00+07:00',
      '2023-08-01T00:00:00+07:00',
      '2023-09-01T00:00:00+07:00',
      '2023-10-01T00:00:00+07:00',
      '2023-11-01T00:00:00+07:00',
      '2023-12-01T00:00:00+07:00',
      '2024-01-01T00:00:00+07:00',
    ]);
    expect(found[0].period).toEqual({ start: '2023-01-01T00:00:00+07:00', end: '2023-02-01T00:00:00+07:00' });
  });

  it('keeps only the occurrences of the year a recurring due is limited to', () => {
    const due = build({ kind: 'recurring', rule: { frequency: 'quarterly' }, year: 2023 });
    const found = occurrences(due, { from: new Date('2022-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') });
    expect(found.map((o) => o.resolvesAt)).toEqual([
      '2023-04-01T00:00:00+07:00',
      '2023-07-01T00:00:00+07:00',
      '2023-10-01T00:00:00+07:00',
      '2024-01-01T00:00:00+07:00',
    ]);
  });

  it('gives the semi-annual and annual reports of 003 every year, with their labels', () => {
    const text = 'trước ngày 30 tháng 6 đối với báo cáo 6 tháng và trước ngày 10 tháng 12 đối với báo cáo năm';
    const [half, annual] = (parseDue(text, { zone: VN }) as { dues: Due[] }).dues;
    const range = { from: new Date('2024-01-01T00:00:00+07:00'), to: new Date('2026-01-01T00:00:00+07:00') };
    expect(occurrences(half, range)).toEqual([
      { period: null, resolvesAt: '2024-06-30T00:00:00+07:00', label: 'báo cáo 6 tháng' },
      { period: null, resolvesAt: '2025-06-30T00:00:00+07:00', label: 'báo cáo 6 tháng' },
    ]);
    expect(occurrences(annual, range).map((o) => o.resolvesAt)).toEqual([
      '2024-12-10T00:00:00+07:00',
      '2025-12-10T00:00:00+07:00',
    ]);
  });

  it('puts "ngày 31 hàng tháng" on the last day of shorter months, 29/02 in a leap year', () => {
    const due = build({ kind: 'recurring', rule: { frequency: 'monthly', day: 31, before: false } });
    const found = occurrences(due, {
      from: new Date('2024-01-15T00:00:00+07:00'),
      to: new Date('2024-05-15T00:00:00+07:00'),
    });
    expect(found.map((o) => o.resolvesAt)).toEqual([
      '2024-02-01T00:00:00+07:00',
      '2024-03-01T00:00:00+07:00',
      '2024-04-01T00:00:00+07:00',
      '2024-05-01T00:00:00+07:00',
    ]);
    const before = build({ kind: 'recurring', rule: { frequency: 'monthly', day: 30, before: true } });
    expect(
      occurrences(before, { from: new Date('2023-02-01T00:00:00+07:00'), to: new Date('2023-03-01T00:00:00+07:00') })[0]
        .resolvesAt,
    ).toBe('2023-02-28T00:00:00+07:00');
  });

  it('gives half-years and years at their ends, counting an end that falls on the range’s start', () => {
    const half = occurrences(build({ kind: 'recurring', rule: { frequency: 'half_yearly' } }), year2023);
    expect(half.map((o) => o.resolvesAt)).toEqual(['2023-01-01T00:00:00+07:00', '2023-07-01T00:00:00+07:00']);
    const yearly = occurrences(build({ kind: 'recurring', rule: { frequency: 'yearly' } }), {
      from: new Date('2023-01-01T00:00:01+07:00'),
      to: new Date('2024-01-01T00:00:01+07:00'),
    });
    expect(yearly).toEqual([
      {
        period: { start: '2023-01-01T00:00:00+07:00', end: '2024-01-01T00:00:00+07:00' },
        resolvesAt: '2024-01-01T00:00:00+07:00',
      },
    ]);
  });

  it('gives nothing for "định kỳ" without a frequency, and a fixed due only inside the range', () => {
    expect(occurrences(build({ kind: 'recurring', rule: { frequency: 'unspecified' } }), year2023)).toEqual([]);
    const fixed = parsed('trước ngày 01/9/2023');
    expect(occurrences(fixed, year2023)).toEqual([{ period: null, resolvesAt: '2023-09-01T00:00:00+07:00' }]);
    expect(
      occurrences(fixed, { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') }),
    ).toEqual([]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => occurrences(parsed('Định kỳ hàng tháng'), { from: year2023.to, to: year2023.from })).toThrow(
      RangeError,
    );
  });
});
