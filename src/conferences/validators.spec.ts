import { isLocalDate, isZonedInstant } from './validators';

describe('scheduling validators', () => {
  it('accepts instants only with a zone', () => {
    expect(isZonedInstant('2023-04-05T13:30:00+07:00')).toBe(true);
    expect(isZonedInstant('2023-04-05T06:30Z')).toBe(true);
    expect(isZonedInstant('2023-04-05T13:30:00')).toBe(false);
    expect(isZonedInstant('2023-04-05')).toBe(false);
    expect(isZonedInstant('2023-13-05T13:30:00Z')).toBe(false);
  });

  it('refuses instants on days that do not exist instead of rolling them over', () => {
    expect(isZonedInstant('2027-02-30T07:30:00+07:00')).toBe(false);
    expect(isZonedInstant('2027-04-31T07:30:00Z')).toBe(false);
    expect(isZonedInstant('2027-02-28T24:00:00Z')).toBe(false);
    expect(isZonedInstant('2027-02-28T07:60:00Z')).toBe(false);
    expect(isZonedInstant('2027-02-28T07:30:00+15:00')).toBe(false);
    expect(isZonedInstant('2028-02-29T07:30:00+07:00')).toBe(true);
  });

  it('takes instants and dates from 1900 to 2200 only', () => {
    expect(isZonedInstant('0001-01-01T00:00:00Z')).toBe(false);
    expect(isZonedInstant('4000-01-01T00:00:00Z')).toBe(false);
    expect(isZonedInstant('1899-12-31T23:59:59Z')).toBe(false);
    expect(isZonedInstant('1900-01-01T00:00:00Z')).toBe(true);
    expect(isZonedInstant('2200-12-31T23:59:59Z')).toBe(true);
    expect(isZonedInstant('2201-01-01T00:00:00Z')).toBe(false);
    expect(isLocalDate('0001-01-01')).toBe(false);
    expect(isLocalDate('4000-01-01')).toBe(false);
    expect(isLocalDate('2200-12-31')).toBe(true);
  });

  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2023-03-06')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-03')).toBe(false);
  });
});
