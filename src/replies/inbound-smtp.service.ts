import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { NOT_THIS_INVITATION, RepliesService } from './replies.service';
import { REPLY_SECRET, replyAddress, splitReplyAddress } from '../mail/reply-address';

/** An SMTP answer other than 250: smtp-server sends `responseCode` and the message as they are. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** The secret of the reply address the message was sent to (every accepted recipient carries the same one). */
const replySecretOf = (session: SMTPServerSession) =>
  splitReplyAddress(session.envelope.rcptTo[0]?.address ?? '').tag ?? '';

/** Text from the message itself goes into an SMTP answer: one short line. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);

/**
 * The SMTP listener for the organizer mailbox (INBOUND_SMTP_PORT; off when unset). It takes mail
 * only at an invitation's reply address — MAIL_ORGANIZER or an INBOUND_SMTP_ADDRESSES mailbox tagged
 * with the invitation's secret (the plain mailbox, anything else: 550), at most
 * INBOUND_SMTP_MAX_BYTES (552), and hands each message to RepliesService. A message that is no
 * calendar reply is refused with 554 and the reason; a reply that matches nothing is taken (250)
 * and recorded as ignored; a failure of Convene itself answers 451, so the sender tries again.
 */
@Injectable()
export class InboundSmtpService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpService.name);
  private server?: SMTPServer;
  private bound: { host: string; port: number } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replies: RepliesService,
  ) {}

  /** Where the listener is bound (port 0 in the settings becomes the real port), or null when off. */
  address(): { host: string; port: number } | null {
    return this.bound;
  }

  async onApplicationBootstrap(): Promise<void> {
    const inbound = this.config.mail.inbound;
    if (!inbound) return;
    const accepted = new Set(inbound.addresses);
    this.server = new SMTPServer({
      banner: 'Convene calendar replies',
      authOptional: true,
      // Plain SMTP: put a relay with TLS in front when the port faces the internet (README).
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: inbound.maxBytes,
      maxClients: 100,
      logger: false,
      closeTimeout: 2000,
      onRcptTo: (address, session, callback) => this.rcptTo(address.address, session, accepted, callback),
      onData: (stream, session, callback) =>
        this.take(
          stream,
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          replySecretOf(session),
          inbound.maxBytes,
          callback,
        ),
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(inbound.port, inbound.host, () => {
        server.server.removeListener('error', reject);
        server.on('error', (error) => this.logger.warn({ err: error }, 'inbound SMTP error'));
        resolve();
      });
    });
    this.bound = { host: inbound.host, port: (server.server.address() as AddressInfo).port };
    this.logger.log(
      `calendar replies: listening on ${this.bound.host}:${this.bound.port} for ${[...accepted].join(', ')}`,
    );
  }

  /**
   * Mail is taken only at an invitation's reply address: an accepted mailbox with an invitation's
   * secret as its tag. The plain mailbox was every invitation's ORGANIZER before, so anyone invited
   * could answer for anyone; a reply to it now gets a 550 that says where answers go.
   */
  private rcptTo(
    address: string,
    session: SMTPServerSession,
    accepted: Set<string>,
    callback: (error?: Error | null) => void,
  ): void {
    const { mailbox, tag } = splitReplyAddress(address);
    const tagged = tag !== null && accepted.has(mailbox);
    if (!tagged && accepted.has(address.trim().toLowerCase()))
      return callback(
        smtpError(
          550,
          `5.7.1 <${address}>: this address no longer takes calendar replies; each invitation names its own reply address as ORGANIZER (${replyAddress(mailbox, '<code>')}). Answer from the latest invitation e-mail, or on its answer page`,
        ),
      );
    if (!tagged)
      return callback(
        smtpError(
          550,
          `5.1.1 <${address}>: no such mailbox here; this server takes calendar replies for ${[...accepted].join(', ')}, at each invitation's own address`,
        ),
      );
    const unknown = () => smtpError(550, `5.1.1 <${address}>: no invitation has this reply address`);
    if (!REPLY_SECRET.test(tag)) return callback(unknown());
    const others = session.envelope.rcptTo.map((r) => splitReplyAddress(r.address).tag).filter((t) => t !== tag);
    if (others.length > 0)
      return callback(smtpError(550, '5.5.3 one invitation per message: send each answer to its own reply address'));
    this.replies.knowsSecret(tag).then(
      (known) => callback(known ? null : unknown()),
      (error: Error) => {
        this.logger.error({ err: error }, 'could not look up a reply address');
        callback(smtpError(451, '4.3.0 could not check the address now; try again later'));
      },
    );
  }

  private take(
    stream: SMTPServerDataStream,
    envelopeFrom: string,
    secret: string,
    maxBytes: number,
    callback: (error?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped: the answer is 552 either way.
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes)
        return callback(smtpError(552, `5.3.4 message too big for calendar replies (at most ${maxBytes} bytes)`));
      this.replies.receive(Buffer.concat(chunks), envelopeFrom, secret).then(
        (result) => {
          if (result.outcome === 'refused' && result.reason && NOT_THIS_INVITATION.has(result.reason))
            return callback(
              smtpError(
                550,
                `5.7.1 not taken (${result.reason}): ${oneLine(result.detail)}; a reply is taken only at the address of its own invitation`,
              ),
            );
          if (result.outcome === 'refused')
            return callback(
              smtpError(
                554,
                `5.6.0 not taken: ${oneLine(result.detail)} (this address reads calendar replies, METHOD:REPLY, only)`,
              ),
            );
          callback(null, `2.0.0 ${result.outcome}${result.reason ? ` (${result.reason})` : ''}`);
        },
        (error: Error) => {
          this.logger.error({ err: error }, 'could not process a calendar reply');
          callback(smtpError(451, '4.3.0 could not process the message now; try again later'));
        },
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.bound = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
