import { DEFAULT_TIME_ZONE, wallClock } from '../common/zoned-time';

/** The calendar day of an instant in Vietnam, as YYYY-MM-DD: positions start and end on days, not instants. */
export function dayInVietnam(instant: Date): string {
  const { year, month, day } = wallClock(instant, DEFAULT_TIME_ZONE);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
