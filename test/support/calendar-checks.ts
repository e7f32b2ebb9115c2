import type * as IcalModule from 'ical.js' with { 'resolution-mode': 'import' };
import { TextDecoder } from 'node:util';
import { allParts, MimePart, parseMime } from './calendar-mime';

/**
 * Checks for every calendar Convene produces (calendar.md, "Testing"). `ical.js` is lenient, so the
 * raw text is scanned as well: CRLF only, lines ≤ 75 octets and valid UTF-8 each, UTC times only,
 * no `P…DT`, no `\"` in parameters, the properties each METHOD requires.
 *
 * Each check exists twice: `…Problems()` returns the list of what is wrong (so a test can prove a
 * check bites), `expect…()` fails the test with that list.
 */
// ical.js ships as an ES module with a CommonJS build; the types come from the ES side.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ical.js's CommonJS build, typed from its ES module
const ICAL: typeof IcalModule.default = require('ical.js');
type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface AttendeeSummary {
  email: string;
  cn: string | null;
  rsvp: string | null;
  partstat: string | null;
}

export interface EventSummary {
  uid: string;
  sequence: number;
  dtstamp: Date | null;
  start: Date | null;
  end: Date | null;
  summary: string | null;
  location: string | null;
  description: string | null;
  url: string | null;
  status: string | null;
  categories: string[];
  organizer: { email: string; cn: string | null } | null;
  attendees: AttendeeSummary[];
  alarms: { action: string | null; trigger: string; description: string | null }[];
}

export interface CalendarSummary {
  method: string | null;
  name: string | null;
  events: EventSummary[];
}

const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;
const DATE_TIME_PROPERTIES = new Set([
  'DTSTART',
  'DTEND',
  'DTSTAMP',
  'DUE',
  'RECURRENCE-ID',
  'CREATED',
  'LAST-MODIFIED',
  'EXDATE',
  'RDATE',
  'COMPLETED',
]);
const DURATION_PROPERTIES = new Set(['DURATION', 'TRIGGER', 'REFRESH-INTERVAL', 'X-PUBLISHED-TTL']);
// A duration whose time part is empty: `P1DT`, `-PT` (what `ics` writes for whole days or 0 minutes).
const EMPTY_TIME_PART = /^[+-]?P[^T]*T(?![0-9])/;

interface RawLine {
  number: number;
  name: string;
  params: string;
  value: string;
}

/** Splits an unfolded line at the first colon outside quotes; written apart from src/calendar on purpose. */
function splitLine(line: string, number: number): RawLine | string {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) {
      const head = line.slice(0, i);
      const cut = head.indexOf(';');
      return {
        number,
        name: (cut < 0 ? head : head.slice(0, cut)).toUpperCase(),
        params: cut < 0 ? '' : head.slice(cut),
        value: line.slice(i + 1),
      };
    }
  }
  return `line ${number}: not a content line: ${JSON.stringify(line.slice(0, 60))}`;
}

function physicalLineProblems(bytes: Buffer): { problems: string[]; lines: Buffer[] } {
  const problems: string[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d) problems.push(`bare LF at octet ${i} (lines must end with CRLF)`);
    if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) problems.push(`bare CR at octet ${i}`);
  }
  if (bytes.length < 2 || bytes[bytes.length - 2] !== 0x0d || bytes[bytes.length - 1] !== 0x0a)
    problems.push('the calendar does not end with CRLF');
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i + 1 < bytes.length; i += 1) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 2;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  const strict = new TextDecoder('utf-8', { fatal: true });
  lines.forEach((line, index) => {
    if (line.length > 75) problems.push(`line ${index + 1} is ${line.length} octets long (at most 75)`);
    try {
      strict.decode(line);
    } catch {
      problems.push(`line ${index + 1} is not valid UTF-8 on its own (a fold split a character)`);
    }
  });
  return { problems, lines };
}

function contentLineProblems(line: RawLine, context: string[]): string[] {
  const problems: string[] = [];
  const where = `line ${line.number} (${line.name})`;
  if (line.params.includes('\\"'))
    problems.push(`${where}: \\" inside a parameter (no such escape in RFC 5545; parsers cut the value)`);
  if (/;TZID=/i.test(line.params)) problems.push(`${where}: TZID (times must be UTC)`);
  if (line.name === 'BEGIN' && line.value.toUpperCase() === 'VTIMEZONE')
    problems.push(`${where}: VTIMEZONE (times must be UTC)`);
  const inEvent = context[context.length - 1] === 'VEVENT';
  if (DATE_TIME_PROPERTIES.has(line.name) || (line.name === 'TRIGGER' && /VALUE=DATE-TIME/i.test(line.params))) {
    if (/VALUE=DATE(?!-)/i.test(line.params)) problems.push(`${where}: a DATE value (times must be UTC date-times)`);
    else if (line.value.split(',').some((v) => !UTC_DATE_TIME.test(v)))
      problems.push(`${where}: ${line.value} is not a UTC time (…Z)`);
  } else if (DURATION_PROPERTIES.has(line.name) && EMPTY_TIME_PART.test(line.value)) {
    problems.push(`${where}: ${line.value} has an empty time part (P…DT)`);
  }
  if (line.name === 'DURATION' && inEvent) problems.push(`${where}: DURATION on an event (use DTEND)`);
  return problems;
}

/** The raw-text checks alone: what `ical.js` forgives. */
export function rawCalendarProblems(calendar: string | Buffer): string[] {
  const bytes = typeof calendar === 'string' ? Buffer.from(calendar, 'utf8') : calendar;
  const { problems, lines } = physicalLineProblems(bytes);
  const logical: { text: string; number: number }[] = [];
  lines.forEach((line, index) => {
    const text = line.toString('utf8');
    if ((text.startsWith(' ') || text.startsWith('\t')) && logical.length)
      logical[logical.length - 1].text += text.slice(1);
    else logical.push({ text, number: index + 1 });
  });
  if (logical[0]?.text !== 'BEGIN:VCALENDAR') problems.push('the calendar does not start with BEGIN:VCALENDAR');
  const context: string[] = [];
  for (const { text, number } of logical) {
    if (!text) continue;
    const line = splitLine(text, number);
    if (typeof line === 'string') {
      problems.push(line);
      continue;
    }
    if (line.name === 'BEGIN') context.push(line.value.toUpperCase());
    problems.push(...contentLineProblems(line, context));
    if (line.name === 'END') context.pop();
  }
  return problems;
}

function timeOf(component: Component, name: string): Date | null {
  const value = component.getFirstPropertyValue(name) as InstanceType<typeof ICAL.Time> | null;
  return value ? value.toJSDate() : null;
}

function textOf(component: Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

const mailtoOf = (property: Property) => String(property.getFirstValue()).replace(/^mailto:/i, '');
const paramOf = (property: Property, name: string) => {
  const value = property.getParameter(name);
  return value === undefined || value === null ? null : String(value);
};

function describeEvent(event: Component): EventSummary {
  const organizer = event.getFirstProperty('organizer');
  return {
    uid: textOf(event, 'uid') ?? '',
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0),
    dtstamp: timeOf(event, 'dtstamp'),
    start: timeOf(event, 'dtstart'),
    end: timeOf(event, 'dtend'),
    summary: textOf(event, 'summary'),
    location: textOf(event, 'location'),
    description: textOf(event, 'description'),
    url: textOf(event, 'url'),
    status: textOf(event, 'status'),
    categories: event.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
    organizer: organizer ? { email: mailtoOf(organizer), cn: paramOf(organizer, 'cn') } : null,
    attendees: event.getAllProperties('attendee').map((p) => ({
      email: mailtoOf(p),
      cn: paramOf(p, 'cn'),
      rsvp: paramOf(p, 'rsvp'),
      partstat: paramOf(p, 'partstat'),
    })),
    alarms: event.getAllSubcomponents('valarm').map((a) => ({
      action: textOf(a, 'action'),
      trigger: String(a.getFirstPropertyValue('trigger')),
      description: textOf(a, 'description'),
    })),
  };
}

/** The calendar as `ical.js` reads it. Throws when it cannot be parsed. */
export function describeCalendar(calendar: string | Buffer): CalendarSummary {
  const root = new ICAL.Component(ICAL.parse(calendar.toString()));
  return {
    method: textOf(root, 'method'),
    name: textOf(root, 'x-wr-calname'),
    events: root.getAllSubcomponents('vevent').map(describeEvent),
  };
}

const NO_REPLY = /^(no-?reply|do-?not-?reply)/i;

function requestProblems(event: EventSummary, expected: CalendarExpectations): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries({ DTSTART: event.start, DTEND: event.end, SUMMARY: event.summary })) {
    if (!value) problems.push(`a REQUEST carries ${name}`);
  }
  if (event.alarms.length === 0) problems.push('a REQUEST carries a VALARM');
  if (event.status === 'CANCELLED')
    problems.push('a cancellation is sent as CANCEL, not as REQUEST with STATUS:CANCELLED');
  if (event.attendees.length !== 1)
    problems.push(`one message per person: expected exactly one ATTENDEE, found ${event.attendees.length}`);
  for (const attendee of event.attendees) {
    if (attendee.rsvp !== 'TRUE')
      problems.push(`ATTENDEE ${attendee.email} has RSVP=${attendee.rsvp} (answer buttons need RSVP=TRUE)`);
    const partstat = expected.partstat ?? 'NEEDS-ACTION';
    if (attendee.partstat !== partstat)
      problems.push(`ATTENDEE ${attendee.email} has PARTSTAT=${attendee.partstat}, expected ${partstat}`);
  }
  return problems;
}

function cancelProblems(event: EventSummary): string[] {
  const problems: string[] = [];
  if (event.status !== 'CANCELLED') problems.push(`a CANCEL carries STATUS:CANCELLED (found ${event.status})`);
  if (event.sequence < 1) problems.push('a CANCEL carries a SEQUENCE above the last one sent (at least 1)');
  if (event.alarms.length) problems.push('a CANCEL carries no VALARM');
  if (event.attendees.length === 0) problems.push('a CANCEL carries the ATTENDEE(s)');
  return problems;
}

function eventProblems(event: EventSummary, method: string | null, expected: CalendarExpectations): string[] {
  const problems: string[] = [];
  if (!event.uid) problems.push('every event carries a UID');
  if (!event.dtstamp) problems.push(`event ${event.uid}: no DTSTAMP`);
  if (method === 'REQUEST' || method === 'CANCEL') {
    if (!event.organizer) problems.push(`a ${method} carries ORGANIZER`);
    else if (NO_REPLY.test(event.organizer.email))
      problems.push(`ORGANIZER ${event.organizer.email} is a no-reply address`);
    if (
      event.organizer &&
      event.attendees.some((a) => a.email.toLowerCase() === event.organizer!.email.toLowerCase())
    ) {
      problems.push('the ORGANIZER is also the ATTENDEE');
    }
    if (event.attendees.some((a) => !a.cn)) problems.push('every ATTENDEE carries their name as CN');
    if (expected.attendee && !event.attendees.some((a) => a.email.toLowerCase() === expected.attendee!.toLowerCase())) {
      problems.push(
        `${expected.attendee} is not the ATTENDEE (found ${event.attendees.map((a) => a.email).join(', ') || 'none'})`,
      );
    }
    problems.push(...(method === 'REQUEST' ? requestProblems(event, expected) : cancelProblems(event)));
  } else {
    if (!event.start) problems.push(`event ${event.uid}: no DTSTART`);
    if (event.attendees.length) problems.push(`event ${event.uid}: a published calendar carries no ATTENDEE`);
  }
  return problems;
}

export interface CalendarExpectations {
  method?: CalendarMethod;
  /** The recipient's address, for invitations. */
  attendee?: string;
  /** The PARTSTAT the invitation should carry (NEEDS-ACTION unless told). */
  partstat?: string;
}

/** Everything wrong with a calendar: the raw scan, the parse, and the rules of its METHOD. */
export function calendarProblems(calendar: string | Buffer, expected: CalendarExpectations = {}): string[] {
  const problems = rawCalendarProblems(calendar);
  let summary: CalendarSummary;
  try {
    summary = describeCalendar(calendar);
  } catch (error) {
    return [...problems, `ical.js cannot parse it: ${(error as Error).message}`];
  }
  const method = summary.method;
  if (expected.method && method !== expected.method && !(expected.method === 'PUBLISH' && method === null)) {
    problems.push(`METHOD is ${method}, expected ${expected.method}`);
  }
  if ((method === 'REQUEST' || method === 'CANCEL') && summary.events.length !== 1) {
    problems.push(`an invitation carries one event, found ${summary.events.length}`);
  }
  const uids = summary.events.map((e) => e.uid);
  if (new Set(uids).size !== uids.length) problems.push('two events share a UID');
  for (const event of summary.events) problems.push(...eventProblems(event, method, expected));
  return problems;
}

export function expectValidCalendar(calendar: string | Buffer, expected: CalendarExpectations = {}): CalendarSummary {
  expect(calendarProblems(calendar, expected)).toEqual([]);
  return describeCalendar(calendar);
}

/** An invitation to one person: valid, REQUEST or CANCEL, that person as the one ATTENDEE. */
export function expectInvitation(
  calendar: string | Buffer,
  expected: CalendarExpectations & { method: 'REQUEST' | 'CANCEL' },
): EventSummary {
  return expectValidCalendar(calendar, expected).events[0];
}

/** A feed or a download: PUBLISH (or no METHOD), named, with distinct UIDs. */
export function feedProblems(
  calendar: string | Buffer,
  expected: { name?: string; notUids?: string[] } = {},
): string[] {
  const problems = calendarProblems(calendar, { method: 'PUBLISH' });
  if (problems.some((p) => p.startsWith('ical.js cannot parse'))) return problems;
  const summary = describeCalendar(calendar);
  if (!summary.name) problems.push('a feed carries X-WR-CALNAME');
  else if (expected.name !== undefined && summary.name !== expected.name)
    problems.push(`X-WR-CALNAME is ${summary.name}, expected ${expected.name}`);
  // calendar.md: feed UIDs are their own, never an invitation's (rule 16: no PUBLISH with an invitation's UID).
  const reused = summary.events.filter((e) => expected.notUids?.includes(e.uid)).map((e) => e.uid);
  if (reused.length) problems.push(`the feed reuses invitation UIDs: ${reused.join(', ')}`);
  return problems;
}

export function expectFeed(
  calendar: string | Buffer,
  expected: { name?: string; notUids?: string[] } = {},
): CalendarSummary {
  expect(feedProblems(calendar, expected)).toEqual([]);
  return describeCalendar(calendar);
}

/**
 * Several sends of one event, in the order sent: same UID, DTSTAMP moving forward, SEQUENCE
 * strictly rising (or, for re-sends of one version to more people, `sequence: 'nonDecreasing'`).
 */
export function sendSeriesProblems(
  calendars: (string | Buffer)[],
  options: { sequence?: 'rising' | 'nonDecreasing' } = {},
): string[] {
  const events = calendars.map((c) => describeCalendar(c).events[0]);
  const problems: string[] = [];
  events.forEach((event, i) => {
    if (i === 0) return;
    const before = events[i - 1];
    if (event.uid !== before.uid) problems.push(`send ${i + 1} has UID ${event.uid}, send 1 had ${events[0].uid}`);
    const rising =
      options.sequence === 'nonDecreasing' ? event.sequence >= before.sequence : event.sequence > before.sequence;
    if (!rising) problems.push(`send ${i + 1} has SEQUENCE ${event.sequence} after ${before.sequence}`);
    if (!event.dtstamp || !before.dtstamp || event.dtstamp <= before.dtstamp) {
      problems.push(
        `send ${i + 1} has DTSTAMP ${event.dtstamp?.toISOString()} not after ${before.dtstamp?.toISOString()}`,
      );
    }
  });
  return problems;
}

export function expectSendSeries(
  calendars: (string | Buffer)[],
  options: { sequence?: 'rising' | 'nonDecreasing' } = {},
): void {
  expect(sendSeriesProblems(calendars, options)).toEqual([]);
}

/** A calendar served over HTTP: `text/calendar; charset=utf-8`, and an ETag when `etag` is asked. */
export function calendarResponseProblems(
  res: { headers: Record<string, string | string[] | undefined> },
  options: { etag?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const type = String(res.headers['content-type'] ?? '');
  if (!/^text\/calendar\s*;\s*charset=utf-8/i.test(type))
    problems.push(`Content-Type is ${type || 'missing'}, expected text/calendar; charset=utf-8`);
  if (options.etag && !res.headers['etag']) problems.push('no ETag (calendar apps poll feeds: answer If-None-Match)');
  return problems;
}

export function expectCalendarResponse(
  res: { headers: Record<string, string | string[] | undefined> },
  options: { etag?: boolean } = {},
): void {
  expect(calendarResponseProblems(res, options)).toEqual([]);
}

// --- MIME: the message that carries an invitation (calendar.md rules 1, 2, 12, 14, 15, 16) ---

export interface InvitationMessageExpectations {
  /** The person the message goes to: must be the calendar's ATTENDEE (rule 12). */
  recipient?: string;
  /** Strings the HTML body must contain: the time in the conference's zone, the place, the link (rule 14). */
  htmlMentions?: string[];
  partstat?: string;
}

export interface InvitationMessage {
  tree: MimePart;
  method: string;
  calendar: string;
  html: string;
  text: string;
}

const isCalendarPart = (p: MimePart) =>
  p.type === 'text/calendar' || p.type === 'application/ics' || /\.ics$/i.test(p.filename ?? p.params.name ?? '');

function shapeProblems(tree: MimePart): { problems: string[]; calendarPart?: MimePart; attachment?: MimePart } {
  const problems: string[] = [];
  if (tree.type !== 'multipart/mixed') problems.push(`the message is ${tree.type}, expected multipart/mixed`);
  const alternative = tree.parts[0];
  if (alternative?.type !== 'multipart/alternative') {
    problems.push(`the first part is ${alternative?.type ?? 'missing'}, expected multipart/alternative`);
    return { problems };
  }
  const types = alternative.parts.map((p) => p.type);
  if (types.join(' ') !== 'text/plain text/html text/calendar') {
    problems.push(`multipart/alternative holds ${types.join(', ')}, expected text/plain, text/html, text/calendar`);
  }
  for (const part of alternative.parts) {
    if (part.params.charset?.toLowerCase() !== 'utf-8')
      problems.push(`${part.type} has charset ${part.params.charset ?? 'none'}, expected utf-8`);
  }
  const attachments = tree.parts.slice(1).filter((p) => p.type === 'application/ics');
  if (attachments.length !== 1) problems.push(`expected one application/ics attachment, found ${attachments.length}`);
  const attachment = attachments[0];
  if (attachment && (attachment.params.name !== 'invite.ics' || attachment.disposition !== 'attachment')) {
    problems.push(
      `the application/ics part is not an attachment named invite.ics (name=${attachment.params.name}, disposition=${attachment.disposition})`,
    );
  }
  return { problems, calendarPart: alternative.parts.find((p) => p.type === 'text/calendar'), attachment };
}

/** Everything wrong with a message carrying an invitation, and what it carries. */
export function invitationMessageProblems(
  raw: Buffer | string,
  expected: InvitationMessageExpectations = {},
): { problems: string[]; message?: InvitationMessage } {
  const tree = parseMime(raw);
  const { problems, calendarPart, attachment } = shapeProblems(tree);
  const parts = allParts(tree);
  // Rule 15: no inline images (iOS Mail showed an empty body).
  if (parts.some((p) => p.type === 'multipart/related' || p.headers['content-id']))
    problems.push('the message has inline (cid:) parts');
  const html = parts.find((p) => p.type === 'text/html')?.body.toString('utf8') ?? '';
  const text = parts.find((p) => p.type === 'text/plain')?.body.toString('utf8') ?? '';
  if (/\bcid:/i.test(html)) problems.push('the HTML refers to a cid: image');
  for (const mention of expected.htmlMentions ?? [])
    if (!html.includes(mention)) problems.push(`the HTML body does not mention ${JSON.stringify(mention)}`);
  if (!calendarPart) return { problems: [...problems, 'no text/calendar part'] };
  const calendar = calendarPart.body.toString('utf8');
  const method = (calendarPart.params.method ?? '').toUpperCase();
  const bodyMethod = /^METHOD:(.*)\r$/m.exec(calendar)?.[1] ?? '';
  // Rules 1 and 2.
  if (method !== bodyMethod)
    problems.push(`the part says method=${method || '(none)'} but the calendar says METHOD:${bodyMethod || '(none)'}`);
  if (method !== 'REQUEST' && method !== 'CANCEL')
    problems.push(`an invitation is REQUEST or CANCEL, not ${method || '(none)'}`);
  if (attachment && !attachment.body.equals(calendarPart.body))
    problems.push('the invite.ics attachment differs from the text/calendar part');
  problems.push(
    ...calendarProblems(calendar, {
      method: method === 'CANCEL' ? 'CANCEL' : 'REQUEST',
      attendee: expected.recipient,
      partstat: expected.partstat,
    }).map((p) => `calendar: ${p}`),
  );
  return { problems, message: { tree, method, calendar, html, text } };
}

export function expectInvitationMessage(
  raw: Buffer | string,
  expected: InvitationMessageExpectations = {},
): InvitationMessage {
  const { problems, message } = invitationMessageProblems(raw, expected);
  expect(problems).toEqual([]);
  return message!;
}

/** Rule 16: reminders and other letters carry no calendar part. */
export function calendarPartsOf(raw: Buffer | string): MimePart[] {
  return allParts(parseMime(raw)).filter(isCalendarPart);
}

export function expectNoCalendarPart(raw: Buffer | string): void {
  expect(calendarPartsOf(raw).map((p) => p.type)).toEqual([]);
}
