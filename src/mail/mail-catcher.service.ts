import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { calendarMethodOf } from './mime';

const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/**
 * The built-in mail catcher: a real SMTP server on 127.0.0.1 that keeps every message in the
 * database, where `GET /outbox/messages` shows them. It runs only when SMTP_URL is unset.
 */
@Injectable()
export class MailCatcherService {
  private readonly logger = new Logger(MailCatcherService.name);
  private server?: SMTPServer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Starts listening and answers the SMTP URL to send to. */
  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      banner: 'Convene mail catcher',
      closeTimeout: 2000,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.keep(raw, from, to).then(
            () => callback(),
            (error: Error) => {
              this.logger.error({ err: error }, 'could not keep a caught message');
              callback(Object.assign(new Error('451 4.3.0 could not store the message'), { responseCode: 451 }));
            },
          );
        });
      },
    });
    const port = await this.listen(this.config.mail.catcherPort).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;
      // Another instance already catches on that port; any free port will do for this one.
      this.logger.warn(`port ${this.config.mail.catcherPort} is taken; catching on a free port instead`);
      return this.listen(0);
    });
    this.logger.log(`mail catcher listening on 127.0.0.1:${port}`);
    return `smtp://127.0.0.1:${port}`;
  }

  private listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = this.server!;
      const onError = (error: Error) => reject(error);
      server.server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.server.removeListener('error', onError);
        server.on('error', (error) => this.logger.warn({ err: error }, 'mail catcher error'));
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  }

  private async keep(raw: Buffer, from: string, to: string[]): Promise<void> {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    await this.dataSource.query(
      `INSERT INTO caught_message (received_at, envelope_from, envelope_to, subject, message_id, calendar_method, size, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        this.clock.now(),
        from,
        to,
        parsed.subject ?? '',
        parsed.messageId ?? null,
        calendarMethodOf(parsed),
        raw.length,
        raw,
      ],
    );
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
