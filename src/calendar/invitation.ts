import { cleanEvent, instant, mailbox, person, sequenceValue } from './calendar-input';
import {
  CalendarAlarm,
  CalendarEvent,
  CalendarInputError,
  CalendarPerson,
  InvitationMethod,
  InvitationPersonal,
  PartStat,
  PreparedInvitation,
} from './calendar.types';
import { CRLF, foldLine, formatUtc, joinLines, paramValue } from './content-line';
import { icsEventParts, organizerLine } from './ics-event';
import { calendarHeader, placeAndTextLines } from './vcalendar';

/**
 * iTIP invitations (RFC 5546 REQUEST and CANCEL), one message per recipient (calendar.md rule 12).
 * `prepareInvitation` does the expensive part — validation and rendering by `ics` — once per
 * (event, version, method); `personalizeInvitation` adds DTSTAMP, the ATTENDEE and the recipient's
 * own LOCATION/DESCRIPTION/URL with string joins only.
 */

/** When the event names no alarm, the calendar rings this long before the start. */
export const DEFAULT_ALARM_MINUTES = 30;

const METHODS: readonly InvitationMethod[] = ['REQUEST', 'CANCEL'];
const PARTSTATS: readonly PartStat[] = ['NEEDS-ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED'];

// Calendar apps send their answers (METHOD:REPLY) to ORGANIZER: it must be a mailbox Convene reads (rule 13).
const NO_REPLY = /^(no-?reply|do-?not-?reply|donotreply)([+._-]|@)/i;

function organizerOf(event: CalendarEvent): CalendarPerson {
  const organizer = person(event.organizer, 'organizer');
  if (NO_REPLY.test(organizer.email)) {
    throw new CalendarInputError(
      'organizer.email',
      'isReadMailbox',
      'must be a mailbox Convene reads, not a no-reply address',
    );
  }
  return organizer;
}

function alarmsFor(method: InvitationMethod, event: CalendarEvent): CalendarAlarm[] {
  // Rule 4: a CANCEL carries no VALARM.
  if (method === 'CANCEL') return [];
  if (event.alarms === undefined) return [{ minutesBefore: DEFAULT_ALARM_MINUTES, description: event.summary }];
  if (event.alarms.length === 0)
    throw new CalendarInputError(
      'alarms',
      'isNotEmpty',
      'a REQUEST carries at least one alarm; leave alarms out for the default',
    );
  return event.alarms;
}

export function prepareInvitation(
  event: CalendarEvent & { organizer: CalendarPerson },
  method: InvitationMethod,
): PreparedInvitation {
  if (!METHODS.includes(method)) throw new CalendarInputError('method', 'isIn', 'must be REQUEST or CANCEL');
  const clean = cleanEvent(event);
  const organizer = organizerOf(clean);
  if (method === 'REQUEST' && clean.status === 'CANCELLED') {
    // Rule 2: a REQUEST with STATUS:CANCELLED leaves the event in people's calendars.
    throw new CalendarInputError('status', 'cancelWithCancel', 'a cancelled event is sent with method CANCEL');
  }
  // Rule 4: a CANCEL's SEQUENCE is higher than the last one sent, which was at least 0.
  if (method === 'CANCEL') sequenceValue(clean.sequence, 1);
  const parts = icsEventParts({
    uid: clean.uid,
    sequence: clean.sequence,
    start: clean.start,
    end: clean.end,
    summary: clean.summary,
    status: method === 'CANCEL' ? 'CANCELLED' : (clean.status ?? 'CONFIRMED'),
    organizer,
    categories: clean.categories,
    alarms: alarmsFor(method, clean),
  });
  return {
    method,
    uid: clean.uid,
    sequence: clean.sequence,
    organizerEmail: organizer.email,
    organizerName: organizer.name,
    // ORGANIZER is written per recipient: each invitation may carry its own reply address.
    head: joinLines([
      ...calendarHeader(method),
      'BEGIN:VEVENT',
      ...parts.properties.filter((line) => !line.startsWith('ORGANIZER')),
    ]),
    defaults: placeAndTextLines(clean),
    tail: joinLines([...parts.alarms, 'END:VEVENT', 'END:VCALENDAR']),
  };
}

function attendeeLine(
  attendee: InvitationPersonal['attendee'],
  method: InvitationMethod,
  organizerEmails: string[],
): string {
  const who = person(attendee, 'attendee');
  if (organizerEmails.some((email) => who.email.toLowerCase() === email.toLowerCase())) {
    throw new CalendarInputError('attendee.email', 'notOrganizer', 'the recipient cannot be the organizer');
  }
  const partstat = attendee.partstat ?? 'NEEDS-ACTION';
  if (!PARTSTATS.includes(partstat))
    throw new CalendarInputError('attendee.partstat', 'isIn', `must be one of ${PARTSTATS.join(', ')}`);
  if (attendee.rsvp !== undefined && typeof attendee.rsvp !== 'boolean')
    throw new CalendarInputError('attendee.rsvp', 'isBoolean', 'must be true or false');
  // Rule 12: Thunderbird shows answer buttons only with RSVP=TRUE; a cancellation asks for no answer.
  const rsvp = attendee.rsvp ?? method === 'REQUEST';
  const params = `;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat}${rsvp ? ';RSVP=TRUE' : ''};CN=${paramValue(who.name)}`;
  return foldLine(`ATTENDEE${params}:mailto:${who.email}`) + CRLF;
}

export function personalizeInvitation(prepared: PreparedInvitation, personal: InvitationPersonal): string {
  if (!personal || typeof personal !== 'object') throw new CalendarInputError('personal', 'isDefined', 'is required');
  const dtstamp = `DTSTAMP:${formatUtc(instant(personal.dtstamp, 'dtstamp'))}${CRLF}`;
  const own = placeAndTextLines(personal);
  const location = own.location ?? prepared.defaults.location ?? '';
  const description = own.description ?? prepared.defaults.description ?? '';
  const url = own.url ?? prepared.defaults.url ?? '';
  // A reply address of this recipient's own (the organizer mailbox with a tag), else the mailbox.
  const organizerEmail =
    personal.organizerEmail === undefined
      ? prepared.organizerEmail
      : mailbox(personal.organizerEmail, 'organizerEmail');
  const organizer = foldLine(organizerLine({ name: prepared.organizerName, email: organizerEmail })) + CRLF;
  return (
    prepared.head +
    organizer +
    dtstamp +
    attendeeLine(personal.attendee, prepared.method, [prepared.organizerEmail, organizerEmail]) +
    location +
    description +
    url +
    prepared.tail
  );
}
