import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '../common/zoned-time';
import { parsePlanDate } from './plan-date';

/**
 * Validators shared by the scheduling modules. Instants must name their zone (Z or an offset):
 * a floating "2023-04-05T13:30" would be read in the server's zone.
 */
const ZONED_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The one check of every instant taken (schedules, readiness tests, agenda slots, clusters, filters):
 * a day that exists (Date.parse would roll 2027-02-30 over to 2 March), a wall-clock time, an
 * offset within ±14:00, and a year from 1900 to 2200 (the range of isLocalDate and plan dates).
 */
export function isZonedInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ZONED_INSTANT.exec(value);
  if (!match) return false;
  const [, day, hour, minute, second, , offsetHours, offsetMinutes] = match;
  if (!isLocalDate(day)) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59)) return false;
  if (offsetHours !== undefined && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

/** A calendar day YYYY-MM-DD that exists, from 1900-01-01 to 2200-12-31 (see plan-date.ts). */
export function isLocalDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  return !!match && parsePlanDate(value) !== null;
}

function rule(name: string, message: string, test: (value: unknown) => boolean) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} ${message}`, ...options },
      validator: { validate: test },
    });
}

export const IsZonedInstant = rule(
  'isZonedInstant',
  'must be an ISO 8601 instant with a zone, e.g. 2023-04-05T13:30:00+07:00',
  isZonedInstant,
);
export const IsLocalDate = rule('isLocalDate', 'must be a date YYYY-MM-DD', isLocalDate);
export const IsPlanDate = rule(
  'isPlanDate',
  'must be a date YYYY-MM-DD, or YYYY-MM or YYYY when the plan gives only that',
  (v) => typeof v === 'string' && parsePlanDate(v) !== null,
);
export const IsTimeZone = rule(
  'isTimeZone',
  'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh',
  (v) => typeof v === 'string' && isValidTimeZone(v),
);
