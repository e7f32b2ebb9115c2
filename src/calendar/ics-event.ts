import { createEvent, EventAttributes } from 'ics';
import { CalendarAlarm, CalendarEvent, CalendarInputError, CalendarPerson } from './calendar.types';
import { CRLF, escapeText, formatDuration, paramValue, parseContentLine, textList, unfold } from './content-line';

/**
 * The invariant properties of one event, produced by the `ics` package (which validates the event
 * and writes UID, SUMMARY, DTSTART, DTEND, SEQUENCE, STATUS, CATEGORIES, ORGANIZER and the VALARMs)
 * and then repaired where `ics` 3.x is wrong (calendar.md rules 8–11):
 * - it folds by characters, with a tab: we unfold here and fold by octets when writing;
 * - CATEGORIES are joined without escaping commas inside a category;
 * - a `"` in a CN is written `\"`, which is no escape in RFC 5545 (names are cleaned before, and
 *   ORGANIZER is rewritten so the rule cannot depend on `ics`);
 * - alarm DESCRIPTIONs are not escaped (`;` and `,` pass through);
 * - a whole-day alarm offset becomes `-P1DT`, and 0 minutes `-PT`: TRIGGER is rewritten;
 * - date arrays are read in the server's zone and a missing UID is replaced by a random one: we pass
 *   epoch milliseconds with UTC input and output, and always our stored UID, and check both.
 * LOCATION, DESCRIPTION, URL and DTSTAMP are not asked of `ics`: they are the personal part,
 * written per recipient or per feed by the callers.
 */
export interface IcsEventParts {
  /** Unfolded VEVENT property lines, without BEGIN/END, DTSTAMP, LOCATION, DESCRIPTION, URL. */
  properties: string[];
  /** Unfolded lines of every VALARM, BEGIN and END included. */
  alarms: string[];
}

export type IcsEventInput = Omit<CalendarEvent, 'description' | 'location' | 'url'>;

// `timestamp` (DTSTAMP) and an event with neither end nor duration are accepted by `ics` but not by
// its type declarations.
function attributesFor(event: IcsEventInput): EventAttributes & { timestamp: number } {
  // An event of no length (a deadline in a feed) is written without DTEND (RFC 5545 §3.6.1).
  const hasLength = event.end.getTime() !== event.start.getTime();
  return {
    uid: event.uid,
    sequence: event.sequence,
    title: event.summary,
    start: event.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    ...(hasLength ? { end: event.end.getTime(), endInputType: 'utc', endOutputType: 'utc' } : {}),
    // DTSTAMP is per send; a fixed value keeps `ics` from reading the machine's clock.
    timestamp: 0,
    status: event.status,
    organizer: event.organizer && { name: event.organizer.name, email: event.organizer.email },
    categories: event.categories,
    alarms: event.alarms?.map((a) => ({
      action: 'display',
      description: a.description,
      trigger: { minutes: a.minutesBefore, before: true },
    })),
  } as EventAttributes & { timestamp: number };
}

// `ics` names fields after its own attributes; report them with ours.
const FIELD_NAMES: Record<string, string> = { title: 'summary', timestamp: 'dtstamp' };

type IcsError = Error & { path?: string; inner?: IcsError[] };

// `ics` validates with yup and reports every failure in `inner`, each with its attribute path.
function icsFailure(error: IcsError): CalendarInputError {
  const first = error.inner?.[0] ?? error;
  const path = first.path ?? 'event';
  return new CalendarInputError(FIELD_NAMES[path] ?? path, 'ics', first.message);
}

const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;

export function organizerLine(organizer: CalendarPerson): string {
  return `ORGANIZER;CN=${paramValue(organizer.name)}:mailto:${organizer.email}`;
}

/** Repairs one VEVENT property line of `ics`; null drops it. */
function repairEventLine(line: string, event: IcsEventInput): string | null {
  const { name, params, value } = parseContentLine(line);
  switch (name) {
    case 'UID':
      if (value !== event.uid) throw new Error(`ics wrote UID ${value}, not the stored ${event.uid}`);
      return line;
    case 'SUMMARY':
    case 'STATUS':
      return line;
    case 'DTSTART':
    case 'DTEND':
      if (params || !UTC_DATE_TIME.test(value)) throw new Error(`ics wrote a time that is not UTC: ${line}`);
      return line;
    case 'SEQUENCE':
      // calendar.md rule 3: SEQUENCE whenever it is above 0.
      return value === '0' ? null : line;
    case 'DTSTAMP':
      return null;
    case 'CATEGORIES':
      return `CATEGORIES:${textList(event.categories ?? [])}`;
    case 'ORGANIZER':
      return organizerLine(event.organizer!);
    default:
      // DURATION included: with an end given, `ics` must not write one (rule 11).
      throw new Error(`ics wrote a property the calendar layer does not know: ${line}`);
  }
}

function repairAlarmLine(line: string, alarm: CalendarAlarm): string {
  const { name } = parseContentLine(line);
  switch (name) {
    case 'BEGIN':
    case 'END':
    case 'ACTION':
      return line;
    case 'DESCRIPTION':
      return `DESCRIPTION:${escapeText(alarm.description)}`;
    case 'TRIGGER':
      return `TRIGGER:${formatDuration(alarm.minutesBefore, true)}`;
    default:
      throw new Error(`ics wrote an alarm property the calendar layer does not know: ${line}`);
  }
}

/** Runs `ics` once for the event and returns its repaired, unfolded VEVENT lines. */
export function icsEventParts(event: IcsEventInput): IcsEventParts {
  const result = createEvent(attributesFor(event));
  if (result.error || !result.value) throw icsFailure(result.error ?? new Error('ics produced nothing'));
  const lines = unfold(result.value).split(CRLF);
  const parts: IcsEventParts = { properties: [], alarms: [] };
  let inside: 'calendar' | 'event' | 'alarm' = 'calendar';
  let alarmIndex = -1;
  for (const line of lines) {
    if (inside === 'calendar') {
      // The VCALENDAR header of `ics` (PRODID, METHOD, X-PUBLISHED-TTL) is not used: callers write their own.
      if (line === 'BEGIN:VEVENT') inside = 'event';
    } else if (inside === 'alarm') {
      parts.alarms.push(repairAlarmLine(line, event.alarms![alarmIndex]));
      if (line === 'END:VALARM') inside = 'event';
    } else if (line === 'END:VEVENT') {
      inside = 'calendar';
    } else if (line === 'BEGIN:VALARM') {
      inside = 'alarm';
      alarmIndex += 1;
      parts.alarms.push(line);
    } else {
      const repaired = repairEventLine(line, event);
      if (repaired !== null) parts.properties.push(repaired);
    }
  }
  return parts;
}
