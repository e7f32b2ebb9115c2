import type * as IcalModule from 'ical.js' with { 'resolution-mode': 'import' };

// ical.js ships as an ES module with a CommonJS build; the types come from the ES side.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL: typeof IcalModule.default = require('ical.js');
type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

/** The answers a REPLY may carry for an attendee (RFC 5546 §3.2.3); NEEDS-ACTION answers nothing. */
export const REPLY_PARTSTATS = ['ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED'] as const;
export type ReplyPartstat = (typeof REPLY_PARTSTATS)[number];

export interface ReplyAttendee {
  /** The mailto address, lower-cased. */
  email: string;
  cn: string | null;
  partstat: string | null;
  /** DELEGATED-TO addresses, lower-cased. */
  delegatedTo: string[];
}

/** What a calendar app's METHOD:REPLY says, as far as Convene reads it. */
export interface CalendarReply {
  uid: string;
  /** SEQUENCE of the version answered; 0 when absent (RFC 5545 §3.8.7.4). */
  sequence: number;
  dtstamp: Date | null;
  attendees: ReplyAttendee[];
  /** COMMENT (Outlook's "edit the response before sending"), joined. */
  comment: string | null;
}

/** A calendar part Convene does not take, with a stable code for the log and the SMTP answer. */
export class ReplyCalendarError extends Error {
  constructor(
    readonly code: 'BAD_CALENDAR' | 'NOT_A_REPLY' | 'NO_EVENT',
    message: string,
  ) {
    super(message);
    this.name = 'ReplyCalendarError';
  }
}

const MAILTO = /^mailto:/i;

function address(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().replace(MAILTO, '').trim().toLowerCase();
  return /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+$/.test(email) ? email : null;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(list);
  return typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim().replace(/^"|"$/g, ''))
        .filter(Boolean)
    : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function attendeeOf(property: Property): ReplyAttendee | null {
  const email = address(property.getFirstValue()) ?? address(property.getParameter('email'));
  if (!email) return null;
  const partstat = text(property.getParameter('partstat'));
  return {
    email,
    cn: text(property.getParameter('cn')),
    partstat: partstat ? partstat.toUpperCase() : null,
    delegatedTo: list(property.getParameter('delegated-to'))
      .map(address)
      .filter((a): a is string => a !== null),
  };
}

function calendarsOf(source: string): Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source);
  } catch (error) {
    throw new ReplyCalendarError('BAD_CALENDAR', `not an iCalendar object: ${(error as Error).message}`);
  }
  // One VCALENDAR parses to one jCal array, several to a list of them.
  const roots = Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[]);
  const calendars = roots.map((root) => new ICAL.Component(root as never)).filter((c) => c.name === 'vcalendar');
  if (calendars.length === 0) throw new ReplyCalendarError('BAD_CALENDAR', 'no VCALENDAR');
  return calendars;
}

/**
 * Reads a METHOD:REPLY (RFC 5546) with ical.js: the answered event's UID, SEQUENCE and DTSTAMP,
 * and its attendees with their PARTSTAT. Throws ReplyCalendarError for anything else: text that
 * is not iCalendar, another METHOD (a REQUEST forwarded, a COUNTER), or no event with a UID.
 */
export function readReply(source: string): CalendarReply {
  const calendars = calendarsOf(source);
  const replies = calendars.filter(
    (c) =>
      String(c.getFirstPropertyValue('method') ?? '')
        .trim()
        .toUpperCase() === 'REPLY',
  );
  if (replies.length === 0) {
    const method =
      String(calendars[0].getFirstPropertyValue('method') ?? '')
        .trim()
        .toUpperCase() || 'none';
    throw new ReplyCalendarError('NOT_A_REPLY', `METHOD is ${method}, not REPLY`);
  }
  for (const calendar of replies) {
    for (const event of calendar.getAllSubcomponents('vevent')) {
      const uid = text(event.getFirstPropertyValue('uid'));
      if (!uid) continue;
      const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
      const stamp = event.getFirstPropertyValue('dtstamp') as { toJSDate?: () => Date } | null;
      const dtstamp = stamp && typeof stamp.toJSDate === 'function' ? stamp.toJSDate() : null;
      const comments = event
        .getAllProperties('comment')
        .map((p) => text(p.getFirstValue()))
        .filter((c): c is string => c !== null);
      return {
        uid,
        sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
        dtstamp: dtstamp && !Number.isNaN(dtstamp.getTime()) ? dtstamp : null,
        attendees: event
          .getAllProperties('attendee')
          .map(attendeeOf)
          .filter((a): a is ReplyAttendee => a !== null),
        comment: comments.length ? comments.join('\n') : null,
      };
    }
  }
  throw new ReplyCalendarError('NO_EVENT', 'the REPLY holds no VEVENT with a UID');
}

/** The attendee that answers: the one the mail is from, else the only one with an answer. */
export function answeringAttendee(reply: CalendarReply, senders: string[]): ReplyAttendee | null {
  const answering = reply.attendees.filter(
    (a) => a.partstat !== null && (REPLY_PARTSTATS as readonly string[]).includes(a.partstat),
  );
  return answering.find((a) => senders.includes(a.email)) ?? (answering.length === 1 ? answering[0] : null);
}
