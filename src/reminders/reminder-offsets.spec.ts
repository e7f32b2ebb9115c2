import { beforeAnchor, beforeDue, overdueNoticeAt, parseOffset, validateOffsets } from './reminder-offsets';

describe('reminder offsets', () => {
  it('reads days, hours and minutes and writes them canonically', () => {
    expect(parseOffset('P3D')).toEqual({ days: 3, hours: 0, minutes: 0, label: 'P3D' });
    expect(parseOffset('PT2H')).toEqual({ days: 0, hours: 2, minutes: 0, label: 'PT2H' });
    expect(parseOffset('P1DT12H30M')).toEqual({ days: 1, hours: 12, minutes: 30, label: 'P1DT12H30M' });
    expect(parseOffset('P0DT2H')?.label).toBe('PT2H');
  });

  it('refuses what is not a duration of days, hours and minutes', () => {
    for (const text of ['', 'P', 'PT', 'P1W', 'P1M', '3 days', 'P1DT', '-P1D', 'PT1.5H'])
      expect(parseOffset(text)).toBeNull();
  });

  it('validates a list: sorted longest first, each problem naming its index and rule', () => {
    expect(validateOffsets(['PT2H', 'P3D', 'P1D'], 'conference')).toEqual({ offsets: ['P3D', 'P1D', 'PT2H'] });
    expect(validateOffsets([], 'conference')).toEqual({ offsets: [] });
    expect(validateOffsets(['P3D', 'x', 'P0D', 'P31D', 'P3D'], 'conference')).toEqual({
      problems: [
        expect.objectContaining({ field: 'conference[1]', rule: 'duration' }),
        expect.objectContaining({ field: 'conference[2]', rule: 'positive' }),
        expect.objectContaining({ field: 'conference[3]', rule: 'max' }),
        expect.objectContaining({ field: 'conference[4]', rule: 'unique' }),
      ],
    });
    expect(validateOffsets(['PT2H'], 'deadlines', { daysOnly: true })).toEqual({
      problems: [expect.objectContaining({ field: 'deadlines[0]', rule: 'wholeDays' })],
    });
    expect(validateOffsets('P3D', 'conference')).toEqual({
      problems: [expect.objectContaining({ field: 'conference', rule: 'isArray' })],
    });
    expect(validateOffsets(Array(7).fill('P1D'), 'conference')).toEqual({
      problems: [expect.objectContaining({ rule: 'arrayMaxSize' })],
    });
  });

  it('counts days as calendar days in the zone, hours exactly', () => {
    const start = new Date('2026-03-08T00:30:00Z'); // 07:30 in Vietnam
    expect(beforeAnchor(start, parseOffset('P3D')!, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-03-05T00:30:00.000Z');
    expect(beforeAnchor(start, parseOffset('PT2H')!, 'Asia/Ho_Chi_Minh').toISOString()).toBe(
      '2026-03-07T22:30:00.000Z',
    );
    // Across the spring change in Berlin (29 March 2026), "1 day before 10:00" is 10:00 the day before, 23 hours earlier.
    const berlin = new Date('2026-03-29T08:00:00Z'); // 10:00 CEST
    expect(beforeAnchor(berlin, parseOffset('P1D')!, 'Europe/Berlin').toISOString()).toBe('2026-03-28T09:00:00.000Z');
  });

  it('sends deadline reminders at 08:00 days before the last day, the overdue notice at 08:00 the day after', () => {
    const resolvesAt = new Date('2026-02-24T17:00:00Z'); // "chậm nhất ngày 24/02/2026": late from 25/02 00:00 in Vietnam
    expect(beforeDue(resolvesAt, 1, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-02-23T01:00:00.000Z');
    expect(beforeDue(resolvesAt, 3, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-02-21T01:00:00.000Z');
    expect(overdueNoticeAt(resolvesAt, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-02-25T01:00:00.000Z');
    const atTime = new Date('2026-04-05T06:30:00Z'); // 13:30 on 05/04
    expect(overdueNoticeAt(atTime, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-04-06T01:00:00.000Z');
  });
});
