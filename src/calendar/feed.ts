import { cleanEvent, instant, multiLineText, oneLineText } from './calendar-input';
import { CalendarEvent, CalendarInputError } from './calendar.types';
import { CRLF, escapeText, formatUtc, joinLines } from './content-line';
import { icsEventParts } from './ics-event';
import { calendarHeader, placeAndTextLines } from './vcalendar';

/**
 * Calendars to subscribe to or download (METHOD:PUBLISH): personal feeds and agendas. No ATTENDEE
 * (PUBLISH has none); each event's LOCATION/DESCRIPTION/URL is the reader's own. Every DTSTAMP is
 * `now`: pass the feed's last change rather than the request time and the body stays byte-identical
 * between changes, so an ETag over it answers calendar apps' polls with 304.
 */
export interface FeedOptions {
  /** Shown by calendar apps as the calendar's name (X-WR-CALNAME). */
  name: string;
  now: Date;
  description?: string;
}

/** Calendar apps poll at most this often (REFRESH-INTERVAL, and X-PUBLISHED-TTL for Outlook). */
export const FEED_REFRESH = 'PT1H';

/**
 * The invariant part of each event (what `ics` renders) is remembered by content, so a feed of the
 * same conference for thousands of readers runs `ics` once per event version, not per reader.
 * The key is every input of the rendering: a changed event can never get a stale rendering.
 */
const MEMO_LIMIT = 5_000;
const memo = new Map<string, { properties: string; alarms: string }>();

function invariantPart(event: CalendarEvent): { properties: string; alarms: string } {
  const input = {
    uid: event.uid,
    sequence: event.sequence,
    start: event.start,
    end: event.end,
    summary: event.summary,
    status: event.status,
    organizer: event.organizer,
    categories: event.categories,
    alarms: event.alarms,
  };
  const key = JSON.stringify(input);
  let rendered = memo.get(key);
  if (!rendered) {
    const parts = icsEventParts(input);
    rendered = { properties: joinLines(parts.properties), alarms: joinLines(parts.alarms) };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, rendered);
  }
  return rendered;
}

function withField<T>(index: number, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof CalendarInputError) throw error.at(`events[${index}].${error.field}`);
    throw error;
  }
}

export function buildFeed(events: CalendarEvent[], options: FeedOptions): string {
  if (!Array.isArray(events)) throw new CalendarInputError('events', 'isArray', 'must be a list of events');
  const name = oneLineText(options?.name, 'name', true);
  const description = options.description == null ? '' : multiLineText(options.description, 'description');
  const dtstamp = `DTSTAMP:${formatUtc(instant(options.now, 'now'))}${CRLF}`;
  let out = joinLines(
    calendarHeader('PUBLISH', [
      `X-WR-CALNAME:${escapeText(name)}`,
      ...(description ? [`X-WR-CALDESC:${escapeText(description)}`] : []),
      `REFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH}`,
      `X-PUBLISHED-TTL:${FEED_REFRESH}`,
    ]),
  );
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const clean = withField(index, () => cleanEvent(event, { instants: true }));
    if (seen.has(clean.uid))
      throw new CalendarInputError(`events[${index}].uid`, 'isUnique', 'each event of a feed needs its own UID');
    seen.add(clean.uid);
    const rendered = withField(index, () => invariantPart(clean));
    const own = placeAndTextLines(clean);
    out += `BEGIN:VEVENT${CRLF}${rendered.properties}${dtstamp}${own.location ?? ''}${own.description ?? ''}${own.url ?? ''}${rendered.alarms}END:VEVENT${CRLF}`;
  });
  return out + `END:VCALENDAR${CRLF}`;
}
