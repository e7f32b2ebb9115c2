/** How a failed send should be handled: retried later, or stopped and shown to the organizer. */
export interface SendFailure {
  permanent: boolean;
  /**
   * The server itself was unreachable or closed the channel (no connection, a 421, a network error):
   * nothing about this message. Its retry is brought forward once a send succeeds again.
   */
  serverDown: boolean;
  /** The server's answer when there is one ("550 5.1.1 <x@y>: Recipient address rejected"), else what went wrong. */
  description: string;
}

type MailError = { code?: unknown; responseCode?: unknown; response?: unknown; command?: unknown; message?: unknown };

/**
 * Errors that say nothing about the message itself: the connection, the network, a timeout, our
 * own credentials or an abort on shutdown. The same message can go through later.
 */
const TEMPORARY_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROXY',
  'EMAXLIMIT',
  'EABORT',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Of the temporary codes, those that mean the server could not be reached or talked to at all. */
const SERVER_DOWN_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Errors about this message: a malformed or missing address, a message that cannot be built. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'EREQUIRETLS']);

const MAX_DESCRIPTION = 1000;

/**
 * RFC 5321: 4yz replies are transient, 5yz permanent, except 503 (bad sequence of commands),
 * which is about the session, not the message. Without a reply code, nodemailer's error code
 * decides; anything unknown is retried (the retry limit still ends it).
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as MailError;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  let permanent: boolean;
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 600) {
    permanent = responseCode >= 500 && responseCode !== 503;
  } else if (code && TEMPORARY_CODES.has(code)) {
    permanent = false;
  } else {
    permanent = code !== undefined && PERMANENT_CODES.has(code);
  }
  // 421: "service not available, closing transmission channel", at the greeting or later.
  const serverDown =
    responseCode === 421 || (responseCode === undefined && code !== undefined && SERVER_DOWN_CODES.has(code));
  return { permanent, serverDown, description: describe(e, code) };
}

function describe(e: MailError, code: string | undefined): string {
  const response = typeof e.response === 'string' && e.response.trim() ? e.response.trim() : undefined;
  const message = typeof e.message === 'string' && e.message ? e.message : 'unknown error';
  const text = response ?? (code ? `${code}: ${message}` : message);
  return text.replace(/\s+/g, ' ').slice(0, MAX_DESCRIPTION);
}
