import { ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export interface SmtpReply {
  code: number;
  message: string;
}

export interface CapturedMessage {
  raw: Buffer;
  parsed: ParsedMail;
  from: string;
  to: string[];
  receivedAt: Date;
}

/** How the sink answers; each hook may return a refusal. Change them while a test runs. */
export interface SinkBehaviour {
  onConnect?: () => SmtpReply | undefined;
  onRcptTo?: (address: string) => SmtpReply | undefined;
  /** Called with the whole message before answering; may wait (a slow server) or refuse. */
  onData?: (message: Omit<CapturedMessage, 'parsed'>) => Promise<SmtpReply | undefined> | SmtpReply | undefined;
  /**
   * Count a message only if its client is still there for the reply (RFC 5321: the transaction is
   * complete only then). One whose client hung up while onData was still deciding — a slow server
   * and a client that timed out — goes to `abandoned` instead of `messages`. Off by default.
   */
  countOnlyAnswered?: boolean;
}

const refusal = (reply: SmtpReply) => Object.assign(new Error(reply.message), { responseCode: reply.code });

/**
 * A real SMTP server on 127.0.0.1 for tests: it keeps what it accepts, parsed with mailparser,
 * and can be told to refuse, fail or stall.
 */
export class SmtpSink {
  readonly messages: CapturedMessage[] = [];
  behaviour: SinkBehaviour = {};
  /** Every refusal the sink answered, in order. */
  readonly refusals: (SmtpReply & { stage: string })[] = [];
  /** Connection errors (a client killed mid-transfer resets its connection); kept, never thrown. */
  readonly errors: Error[] = [];
  /** Messages received whole but not counted: the client left before the reply (see countOnlyAnswered). */
  readonly abandoned: Omit<CapturedMessage, 'parsed'>[] = [];
  private readonly closedSessions = new Set<string>();
  private server?: SMTPServer;
  private port = 0;
  private waiters: (() => void)[] = [];

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  static async start(behaviour: SinkBehaviour = {}): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.behaviour = behaviour;
    await sink.listen();
    return sink;
  }

  private listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 50 * 1024 * 1024,
      onConnect: (_session, callback) => callback(this.refuse('connect', this.behaviour.onConnect?.())),
      onRcptTo: (address, _session, callback) =>
        callback(this.refuse('rcpt', this.behaviour.onRcptTo?.(address.address))),
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on(
          'end',
          () => void this.accept(Buffer.concat(chunks), session).then((error) => callback(error ?? undefined)),
        );
      },
    });
    this.server.on('error', (error) => this.errors.push(error));
    return new Promise((resolve) =>
      this.server!.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.server.address() as AddressInfo).port;
        resolve();
      }),
    );
  }

  private refuse(stage: string, reply: SmtpReply | undefined): Error | undefined {
    if (!reply) return undefined;
    this.refusals.push({ ...reply, stage });
    return refusal(reply);
  }

  private async accept(raw: Buffer, session: SMTPServerSession): Promise<Error | undefined> {
    const envelope = {
      raw,
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      receivedAt: new Date(),
    };
    const reply = await this.behaviour.onData?.(envelope);
    if (this.behaviour.countOnlyAnswered && this.closedSessions.has(session.id)) {
      this.abandoned.push(envelope);
      return undefined;
    }
    const refused = this.refuse('data', reply);
    if (refused) return refused;
    this.messages.push({ ...envelope, parsed: await simpleParser(raw) });
    this.waiters.splice(0).forEach((wake) => wake());
    return undefined;
  }

  /** Resolves once at least `count` messages were accepted; rejects after `timeoutMs`. */
  async waitForMessages(count: number, timeoutMs = 10_000): Promise<CapturedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, the sink has ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.messages;
  }

  to(address: string): CapturedMessage[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()) || m.to.includes(address));
  }

  /** How many accepted messages carried each Message-ID (duplicates have a count above 1). */
  messageIdCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) {
      const id = m.parsed.messageId ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** Closes every open connection, as a server going down does; clients have to connect again. */
  dropConnections(): void {
    const connections = (this.server as unknown as { connections?: Set<{ close(): void }> } | undefined)?.connections;
    for (const connection of [...(connections ?? [])]) connection.close();
  }

  clear(): void {
    this.messages.length = 0;
    this.refusals.length = 0;
    this.abandoned.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
