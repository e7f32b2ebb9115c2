import { isLocalDate, isZonedInstant } from './validators';

describe('scheduling validators', () => {
  it('accepts instants only with a zone', () => {
    expect(isZonedInstant('2023-04-05T13:30:00+07:00')).toBe(true);
    expect(isZonedInstant('2023-04-05T06:30Z')).toBe(true);
    expect(isZonedInstant('2023-04-05T13:30:00')).toBe(false);
    expect(isZonedInstant('2023-04-05')).toBe(false);
    expect(isZonedInstant('2023-13-05T13:30:00Z')).toBe(false);
  });

  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2023-03-06')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2023-03')).toBe(false);
  });
});
