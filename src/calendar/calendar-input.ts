import { nfc, singleLine, withoutInvisible } from '../common/text';
import { CalendarAlarm, CalendarEvent, CalendarInputError, CalendarPerson, EventStatus } from './calendar.types';

/**
 * Normalising and checking what goes into a calendar, before `ics` or the personal layer sees it:
 * NFC everywhere (Vietnamese keyboards can produce decomposed accents), no control characters in
 * one-line values, no `"` in names, real mailboxes, http(s) links, UTC-safe instants.
 */

/** Lone UTF-16 surrogates cannot be written as UTF-8; they become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new CalendarInputError(field, 'isString', 'must be a string');
  return value;
}

/** One-line text (SUMMARY, LOCATION, a category): controls become spaces, runs collapse. */
export function oneLineText(value: unknown, field: string, required = false): string {
  const text = singleLine(wellFormed(requireString(value, field)));
  if (required && !text) throw new CalendarInputError(field, 'isNotEmpty', 'must not be empty');
  return text;
}

/** Multi-line text (DESCRIPTION): line breaks kept as LF, other controls become spaces. */
export function multiLineText(value: unknown, field: string): string {
  return withoutInvisible(nfc(wellFormed(requireString(value, field))))
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/**
 * A person's name for a CN parameter. RFC 5545 cannot escape `"` inside a parameter (and `ics`
 * writes `\"`, which parsers cut), so `"` becomes `'`; controls become spaces. An empty name is
 * refused: clients show the CN, and "their real name" is the point of it.
 */
export function personName(value: unknown, field: string): string {
  const name = oneLineText(value, field).replace(/"/g, "'");
  if (!name) throw new CalendarInputError(field, 'isNotEmpty', 'a name is required');
  return name;
}

// Deliberately plain: one @, no spaces, quotes, brackets or separators that would break mailto:.
const MAILBOX = /^[^\s@"'<>()[\]\\,;:]+@[^\s@"'<>()[\]\\,;:]+\.[^\s@"'<>()[\]\\,;:.][^\s@"'<>()[\]\\,;:]*$/;

export function mailbox(value: unknown, field: string): string {
  const email = requireString(value, field).trim();
  if (!MAILBOX.test(email) || email.length > 254) {
    throw new CalendarInputError(field, 'isEmail', `not a usable e-mail address: ${JSON.stringify(email)}`);
  }
  return email;
}

export function person(value: CalendarPerson | undefined, field: string): CalendarPerson {
  if (!value || typeof value !== 'object') throw new CalendarInputError(field, 'isDefined', 'is required');
  return { name: personName(value.name, `${field}.name`), email: mailbox(value.email, `${field}.email`) };
}

/** An absolute http(s) link, as ASCII (non-ASCII paths and hosts are percent- or puny-encoded). */
export function httpUrl(value: unknown, field: string): string {
  const text = requireString(value, field).trim();
  let url: URL | undefined;
  try {
    url = /[\s\u0000-\u001f\u007f]/.test(text) ? undefined : new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CalendarInputError(field, 'isUrl', `must be an absolute http(s) link: ${JSON.stringify(text)}`);
  }
  return url.href;
}

/** UIDs are Convene's own (stored, never regenerated): visible ASCII without TEXT separators. */
export function uidValue(value: unknown): string {
  const uid = requireString(value, 'uid');
  if (!/^[\x21-\x7e]{1,255}$/.test(uid) || /[\\;,"]/.test(uid)) {
    throw new CalendarInputError('uid', 'isUid', 'must be 1–255 visible ASCII characters without \\ ; , or "');
  }
  return uid;
}

export function sequenceValue(value: unknown, minimum = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > 2_147_483_647) {
    throw new CalendarInputError('sequence', 'isSequence', `must be a whole number from ${minimum} to 2147483647`);
  }
  return value;
}

export function instant(value: unknown, field: string): Date {
  if (!(value instanceof Date) || !Number.isFinite(value.getTime())) {
    throw new CalendarInputError(field, 'isDate', 'must be a valid Date');
  }
  if (value.getUTCFullYear() < 1 || value.getUTCFullYear() > 9999)
    throw new CalendarInputError(field, 'isDate', 'year out of range');
  return value;
}

const STATUSES: readonly EventStatus[] = ['CONFIRMED', 'TENTATIVE', 'CANCELLED'];

// A year: longer than any reminder Convene would set, short enough to catch unit mistakes.
const MAX_ALARM_MINUTES = 525_600;

function alarm(value: CalendarAlarm, index: number): CalendarAlarm {
  const field = `alarms[${index}]`;
  const minutes = value?.minutesBefore;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_ALARM_MINUTES) {
    throw new CalendarInputError(
      `${field}.minutesBefore`,
      'isMinutes',
      `must be a whole number of minutes from 0 to ${MAX_ALARM_MINUTES}`,
    );
  }
  return { minutesBefore: minutes, description: oneLineText(value.description, `${field}.description`, true) };
}

/**
 * The event with every value normalised, or a `CalendarInputError` naming the first bad field.
 * `instants`: an end equal to the start is allowed (a deadline in a feed; written without DTEND).
 */
export function cleanEvent(event: CalendarEvent, options: { instants?: boolean } = {}): CalendarEvent {
  const start = instant(event.start, 'start');
  const end = instant(event.end, 'end');
  // RFC 5545 §3.8.2.2: DTEND must be later than DTSTART; an event of no length has no DTEND (§3.6.1).
  const tooEarly = options.instants ? end.getTime() < start.getTime() : end.getTime() <= start.getTime();
  if (tooEarly)
    throw new CalendarInputError(
      'end',
      'isAfterStart',
      options.instants ? 'must not be before start' : 'must be later than start',
    );
  if (event.status !== undefined && !STATUSES.includes(event.status)) {
    throw new CalendarInputError('status', 'isIn', `must be one of ${STATUSES.join(', ')}`);
  }
  const optional = <T>(value: T | undefined, clean: (v: T) => string) =>
    value === undefined || value === null ? undefined : clean(value) || undefined;
  return {
    uid: uidValue(event.uid),
    sequence: sequenceValue(event.sequence),
    start,
    end,
    summary: oneLineText(event.summary, 'summary', true),
    description: optional(event.description, (v) => multiLineText(v, 'description')),
    location: optional(event.location, (v) => oneLineText(v, 'location')),
    url: optional(event.url, (v) => httpUrl(v, 'url')),
    status: event.status,
    organizer: event.organizer === undefined ? undefined : person(event.organizer, 'organizer'),
    categories: event.categories?.map((c, i) => oneLineText(c, `categories[${i}]`, true)),
    alarms: event.alarms?.map(alarm),
  };
}
