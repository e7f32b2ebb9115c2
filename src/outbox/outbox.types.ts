/**
 * queued → sending → sent; a temporary failure makes it `retrying` (then `sending` again), a
 * permanent one or the last allowed attempt `failed`. `cancelled`: withdrawn before it was sent.
 * `skipped`: its turn came but it was no longer useful (expired, or the renderer said it is no
 * longer true); recorded with the reason, never sent.
 */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed', 'cancelled', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Statuses the dispatcher may still claim (a `sending` row only once its lease has run out). */
export const PENDING_STATUSES: readonly OutboxStatus[] = ['queued', 'retrying', 'sending'];

/** A message to queue. Everything else (id, status, timestamps, Message-ID) is computed. */
export interface NewOutboxMessage {
  /** Unique over the whole outbox; a second message with the same key is a duplicate and is not queued. */
  dedupeKey: string;
  /** Names the renderer that turns the payload into a mail when it is sent. */
  kind: string;
  recipientEmail: string;
  recipientName?: string;
  conferenceId?: string | null;
  /** What to render (ids and versions), not the rendered text: rendering happens at sending time. */
  payload: Record<string, unknown>;
  /** First attempt not before this instant (default: now). */
  notBefore?: Date | null;
  /** After this instant the message is skipped instead of sent. */
  expiresAt?: Date | null;
  /** Default `<id@domain of MAIL_FROM>`. */
  messageId?: string | null;
}

export interface EnqueueResult {
  queued: number;
  duplicates: number;
  /** Ids of the rows queued by this call, in no particular order. */
  ids: string[];
}

/** Which pending messages to cancel; at least one criterion is required. */
export interface CancelFilter {
  ids?: string[];
  conferenceId?: string;
  kind?: string;
  dedupeKeyPrefix?: string;
  recipientEmail?: string;
}

export const KIND_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
export const MAX_DEDUPE_KEY_LENGTH = 500;
