import type { Attachment, ParsedMail } from 'mailparser';

/** The calendar of a parsed message: the text/calendar alternative, else an attached .ics. */
export function calendarPartOf(parsed: ParsedMail): Attachment | undefined {
  const calendars = parsed.attachments.filter(
    (a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics' || /\.ics$/i.test(a.filename ?? ''),
  );
  return calendars.find((a) => a.contentType === 'text/calendar') ?? calendars[0];
}

export function calendarMethodOf(parsed: ParsedMail): string | null {
  const part = calendarPartOf(parsed);
  if (!part) return null;
  const match = /^METHOD:([A-Z-]+)\r?$/m.exec(part.content.toString('utf8'));
  return match ? match[1] : 'NONE';
}
