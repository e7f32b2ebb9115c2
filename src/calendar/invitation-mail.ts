import type { SendMailOptions } from 'nodemailer';
import { InvitationMethod } from './calendar.types';

/** The file name calendar apps and mail clients show for the attached calendar. */
export const INVITATION_FILENAME = 'invite.ics';

/**
 * The nodemailer options that carry an invitation (calendar.md, "MIME shape"): spread them into
 * `sendMail({ from, to, subject, text, html, ...invitationMailParts(calendar, 'REQUEST') })`.
 *
 * nodemailer 10's `icalEvent` writes both parts itself: the `text/calendar; charset=utf-8;
 * method=…` alternative beside text/plain and text/html, and the same calendar as an
 * `application/ics; name=invite.ics` attachment under multipart/mixed. Adding our own attachment
 * would send it twice. Its `method` defaults to PUBLISH whatever the body says (rule 1), so it is
 * always set here, and checked against the body's METHOD.
 */
export function invitationMailParts(
  calendarText: string,
  method: InvitationMethod,
): Pick<SendMailOptions, 'icalEvent'> {
  if (method !== 'REQUEST' && method !== 'CANCEL')
    throw new RangeError(`an invitation is sent as REQUEST or CANCEL, not ${String(method)}`);
  const body = /^METHOD:([A-Z-]+)\r$/m.exec(calendarText)?.[1];
  if (body !== method)
    throw new RangeError(`the calendar says METHOD:${body ?? '(none)'} but the message would say method=${method}`);
  return { icalEvent: { method, filename: INVITATION_FILENAME, content: calendarText } };
}
