import type { SendMailOptions } from 'nodemailer';
import { singleLine } from '../common/text';
import type { OutboxMail, RenderableMessage } from './outbox-renderers';

/** The domain of an address or a `Name <address>` line: "Sở Nội vụ <snv@quangnam.gov.vn>" → "quangnam.gov.vn". */
export function mailDomainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@').pop()?.trim().toLowerCase();
  return domain && /^[a-z0-9.-]+$/.test(domain) ? domain : 'localhost';
}

/** The Message-ID a row gets unless its producer chose one: stable, unique, from our own domain. */
export function defaultMessageId(rowId: string, from: string): string {
  return `<${rowId}@${mailDomainOf(from)}>`;
}

/**
 * What nodemailer sends for a rendered mail: the row's recipient and Message-ID (the same on every
 * attempt, so a receiving server or client can recognise a repeat), header text on one line.
 */
export function toSendMailOptions(message: RenderableMessage, mail: OutboxMail, defaultFrom: string): SendMailOptions {
  const headers = Object.fromEntries(
    Object.entries(mail.headers ?? {}).map(([name, value]) => [singleLine(name), singleLine(value)]),
  );
  const to = mail.to ?? { name: singleLine(message.recipientName), address: message.recipientEmail };
  return {
    from: mail.from ?? defaultFrom,
    to,
    replyTo: mail.replyTo,
    subject: singleLine(mail.subject),
    text: mail.text,
    html: mail.html,
    icalEvent: mail.icalEvent,
    attachments: mail.attachments,
    headers,
    messageId: message.messageId,
  };
}
