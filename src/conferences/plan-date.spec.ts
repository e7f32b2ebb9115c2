import { earliestDay, formatPlanDate, parsePlanDate } from './plan-date';

describe('plan dates', () => {
  it('reads full, month-only and year-only dates', () => {
    expect(parsePlanDate('2023-02-13')).toEqual({ year: 2023, month: 2, day: 13 });
    expect(parsePlanDate('2023-03')).toEqual({ year: 2023, month: 3, day: undefined });
    expect(parsePlanDate('2023')).toEqual({ year: 2023, month: undefined, day: undefined });
  });

  it('refuses dates that do not exist or are not in the format', () => {
    for (const bad of ['2023-02-30', '2023-13', '2023-3', '13/02/2023', '', '2023-02-13T00:00'])
      expect(parsePlanDate(bad)).toBeNull();
    expect(parsePlanDate('2024-02-29')).not.toBeNull();
  });

  it('answers the first day a partial date may mean', () => {
    expect(earliestDay(parsePlanDate('2023-03')!)).toBe('2023-03-01');
    expect(earliestDay(parsePlanDate('2023')!)).toBe('2023-01-01');
    expect(earliestDay(parsePlanDate('2023-02-13')!)).toBe('2023-02-13');
  });

  it('writes them as a Vietnamese plan does', () => {
    expect(formatPlanDate(parsePlanDate('2023-02-13')!, 'vi')).toBe('13/02/2023');
    expect(formatPlanDate(parsePlanDate('2023-03')!, 'vi')).toBe('tháng 3/2023');
    expect(formatPlanDate(parsePlanDate('2023-03')!, 'en')).toBe('03/2023');
  });
});
