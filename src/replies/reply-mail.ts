import type { AddressObject, Attachment, ParsedMail } from 'mailparser';
import { CalendarReply, readReply, ReplyCalendarError } from './reply-calendar';

const CALENDAR_TYPES = new Set(['text/calendar', 'application/ics', 'application/x-ics']);

/**
 * The calendar parts of a message, the inline text/calendar first: Outlook sends only the
 * alternative, Apple Calendar only an attachment, Gmail and Thunderbird both (invite.ics).
 */
export function calendarParts(parsed: ParsedMail): Attachment[] {
  const parts = parsed.attachments.filter(
    (a) => CALENDAR_TYPES.has(a.contentType.toLowerCase()) || /\.ics$/i.test(a.filename ?? ''),
  );
  return [
    ...parts.filter((a) => a.contentType.toLowerCase() === 'text/calendar'),
    ...parts.filter((a) => a.contentType.toLowerCase() !== 'text/calendar'),
  ];
}

/**
 * The first calendar part that reads as a REPLY. When none does, the problem of the first part
 * (a garbage calendar, a COUNTER, a forwarded REQUEST) is thrown; a message without calendar
 * part answers null.
 */
export function replyOf(parsed: ParsedMail): CalendarReply | null {
  const parts = calendarParts(parsed);
  let first: ReplyCalendarError | null = null;
  for (const part of parts) {
    try {
      return readReply(part.content.toString('utf8'));
    } catch (error) {
      if (!(error instanceof ReplyCalendarError)) throw error;
      first ??= error;
    }
  }
  if (first) throw first;
  return null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects
    .flatMap((o) => o.value)
    .map((a) => (a.address ?? '').trim().toLowerCase())
    .filter(Boolean);
}

/** Who the message says it is from: From, then Sender (a delegate sending on behalf), lower-cased. */
export function sendersOf(parsed: ParsedMail): string[] {
  const sender = parsed.headers.get('sender') as AddressObject | undefined;
  return [...new Set([...addresses(parsed.from), ...addresses(sender)])];
}
