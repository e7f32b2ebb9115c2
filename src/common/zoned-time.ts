import { DateTime, IANAZone } from 'luxon';

/**
 * Conversions between instants (stored as timestamptz) and wall-clock time in a conference's or a
 * plan's IANA zone. Nothing here reads the machine's zone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The instant of a wall-clock date and time in a zone: (2023-04-05, 13:30, Asia/Ho_Chi_Minh) → 06:30Z. */
export function zonedInstant(
  date: { year: number; month: number; day: number },
  time: { hour: number; minute: number },
  zone: string,
): Date {
  const local = DateTime.fromObject({ ...date, ...time }, { zone });
  if (!local.isValid) throw new RangeError(`not a valid time in ${zone}: ${local.invalidExplanation}`);
  return local.toJSDate();
}

/** Wall-clock parts of an instant in a zone. */
export function wallClock(instant: Date, zone: string) {
  const local = DateTime.fromJSDate(instant, { zone });
  return {
    year: local.year,
    month: local.month,
    day: local.day,
    hour: local.hour,
    minute: local.minute,
    weekday: local.weekday,
  };
}

/** The instant a day starts (00:00) or ends (24:00, i.e. the next day's 00:00) in a zone. */
export function startOfDay(date: { year: number; month: number; day: number }, zone: string): Date {
  return DateTime.fromObject(date, { zone }).startOf('day').toJSDate();
}

export function endOfDay(date: { year: number; month: number; day: number }, zone: string): Date {
  return DateTime.fromObject(date, { zone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** ISO 8601 with the zone's offset: 2023-03-08T07:30:00+07:00. */
export function isoInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}

const WEEKDAYS_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/**
 * A date and time as a letter writes it. Vietnamese: "07 giờ 30 phút, Thứ Tư, ngày 08/3/2023";
 * English: "07:30, Wednesday 8 March 2023". The zone is named when it is not Vietnam's.
 */
export function formatInZone(instant: Date, zone: string, language: 'vi' | 'en'): string {
  const local = DateTime.fromJSDate(instant, { zone });
  const suffix = zone === DEFAULT_TIME_ZONE ? '' : ` (${zone})`;
  if (language === 'vi') {
    return `${local.toFormat('HH')} giờ ${local.toFormat('mm')} phút, ${WEEKDAYS_VI[local.weekday]}, ngày ${local.toFormat('dd/M/yyyy')}${suffix}`;
  }
  return `${local.toFormat('HH:mm')}, ${local.setLocale('en-GB').toFormat('cccc d LLLL yyyy')}${suffix}`;
}

/** A time of day in a zone: "13:30". */
export function timeInZone(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

/** A calendar date in a zone: "05/4/2023" (vi) or "5 April 2023" (en). */
export function dateInZone(instant: Date, zone: string, language: 'vi' | 'en'): string {
  const local = DateTime.fromJSDate(instant, { zone });
  return language === 'vi' ? local.toFormat('dd/M/yyyy') : local.setLocale('en-GB').toFormat('d LLLL yyyy');
}
