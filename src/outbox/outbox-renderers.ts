import { Injectable } from '@nestjs/common';
import { KIND_PATTERN } from './outbox.types';

/** A claimed message as a renderer sees it. */
export interface RenderableMessage {
  id: string;
  dedupeKey: string;
  kind: string;
  conferenceId: string | null;
  recipientEmail: string;
  recipientName: string;
  payload: Record<string, unknown>;
  /** 1 on the first attempt. */
  attempt: number;
  messageId: string;
  createdAt: Date;
}

export interface RenderContext {
  /** Convene's time (the injected clock): what "now" means for the content. */
  now: Date;
  /** MAIL_FROM, for renderers that build their own From. */
  from: string;
  /** Base of links in e-mails. */
  publicUrl: string;
}

export interface OutboxMailAttachment {
  filename: string;
  content: string | Buffer;
  contentType?: string;
}

/** What a renderer answers for a message it can send. */
export interface OutboxMail {
  /** Default MAIL_FROM. */
  from?: string;
  /** Default the row's recipient (name and address). */
  to?: string | { name: string; address: string };
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  /** The calendar alternative part; `method` must agree with the body's METHOD (docs/calendar.md). */
  icalEvent?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH' | 'REPLY'; content: string; filename?: string };
  attachments?: OutboxMailAttachment[];
  headers?: Record<string, string>;
}

/** One answer per message, in the order given: a mail, or why it is not sent. */
export type RenderOutcome = { mail: OutboxMail } | { skip: string };

/**
 * Turns claimed rows of one kind into mails, a batch at a time, from current data: load what the
 * batch needs in a few queries and build what is common to many recipients (a calendar event of a
 * given version) once, then add what is personal. Throwing fails the batch's attempt (retried).
 */
export interface OutboxRenderer {
  render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]>;
}

/**
 * The renderers, by kind. Modules register theirs when they start
 * (`onModuleInit() { renderers.register('invitation', this) }`).
 */
@Injectable()
export class OutboxRenderers {
  private readonly byKind = new Map<string, OutboxRenderer>();

  register(kind: string, renderer: OutboxRenderer): void {
    if (!KIND_PATTERN.test(kind)) throw new Error(`outbox kind "${kind}" must match ${KIND_PATTERN}`);
    if (this.byKind.has(kind) && this.byKind.get(kind) !== renderer)
      throw new Error(`outbox kind "${kind}" already has a renderer`);
    this.byKind.set(kind, renderer);
  }

  get(kind: string): OutboxRenderer | undefined {
    return this.byKind.get(kind);
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
