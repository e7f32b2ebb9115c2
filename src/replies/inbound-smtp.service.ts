import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RepliesService } from './replies.service';

/** An SMTP answer other than 250: smtp-server sends `responseCode` and the message as they are. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Text from the message itself goes into an SMTP answer: one short line. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 200);

/**
 * The SMTP listener for the organizer mailbox (INBOUND_SMTP_PORT; off when unset). It takes mail
 * only for MAIL_ORGANIZER and INBOUND_SMTP_ADDRESSES (any other RCPT: 550), at most
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
      onRcptTo: (address, _session, callback) => {
        if (accepted.has(address.address.trim().toLowerCase())) return callback();
        callback(
          smtpError(
            550,
            `5.1.1 <${address.address}>: no such mailbox here; this server takes calendar replies for ${[...accepted].join(', ')}`,
          ),
        );
      },
      onData: (stream, session, callback) =>
        this.take(
          stream,
          session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
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

  private take(
    stream: SMTPServerDataStream,
    envelopeFrom: string,
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
      this.replies.receive(Buffer.concat(chunks), envelopeFrom).then(
        (result) => {
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
