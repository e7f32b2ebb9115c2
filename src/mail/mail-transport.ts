import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { AppConfig } from '../../config/app-config';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export type MailTransport = Transporter;

/** One pooled transport for the whole process: connections are reused across messages. */
export function createMailTransport(config: AppConfig, smtpUrl: string): MailTransport {
  return nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: config.mail.poolSize,
    maxMessages: Infinity,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: config.mail.socketTimeoutMs,
    // The local catcher speaks plain SMTP; STARTTLS is used when a real server offers it.
    ignoreTLS: smtpUrl.startsWith('smtp://127.0.0.1') || smtpUrl.startsWith('smtp://localhost'),
  } as nodemailer.TransportOptions);
}
