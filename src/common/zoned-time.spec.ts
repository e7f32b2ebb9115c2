import { endOfDay, formatInZone, isoInZone, isValidTimeZone, wallClock, zonedInstant } from './zoned-time';

describe('zoned time', () => {
  it('turns a wall-clock time in Vietnam into the right instant, whatever the machine’s zone', () => {
    const start = zonedInstant({ year: 2023, month: 4, day: 5 }, { hour: 13, minute: 30 }, 'Asia/Ho_Chi_Minh');
    expect(start.toISOString()).toBe('2023-04-05T06:30:00.000Z');
    expect(wallClock(start, 'Asia/Ho_Chi_Minh')).toMatchObject({ year: 2023, month: 4, day: 5, hour: 13, minute: 30 });
    expect(isoInZone(start, 'Asia/Ho_Chi_Minh')).toBe('2023-04-05T13:30:00+07:00');
  });

  it('ends a day at the next midnight of the zone', () => {
    expect(endOfDay({ year: 2023, month: 2, day: 24 }, 'Asia/Ho_Chi_Minh').toISOString()).toBe(
      '2023-02-24T17:00:00.000Z',
    );
  });

  it('writes dates as Vietnamese letters do, and in English', () => {
    const start = new Date('2023-03-08T00:30:00Z');
    expect(formatInZone(start, 'Asia/Ho_Chi_Minh', 'vi')).toBe('07 giờ 30 phút, Thứ Tư, ngày 08/3/2023');
    expect(formatInZone(start, 'Asia/Ho_Chi_Minh', 'en')).toBe('07:30, Wednesday 8 March 2023');
    expect(formatInZone(start, 'Europe/Paris', 'en')).toBe('01:30, Wednesday 8 March 2023 (Europe/Paris)');
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isValidTimeZone('Asia/Hanoi')).toBe(false);
    expect(isValidTimeZone('UTC+7')).toBe(false);
  });

  it('refuses a wall-clock time that does not exist', () => {
    expect(() => zonedInstant({ year: 2023, month: 2, day: 30 }, { hour: 8, minute: 0 }, 'Asia/Ho_Chi_Minh')).toThrow(
      RangeError,
    );
  });
});
