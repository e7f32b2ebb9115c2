import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { nfc } from '../common/text';
import { dueTime } from './due-time';
import { defaultMessageId } from './mail-options';
import { OutboxRenderers } from './outbox-renderers';
import { CancelFilter, EnqueueResult, KIND_PATTERN, MAX_DEDUPE_KEY_LENGTH, NewOutboxMessage } from './outbox.types';

/** Rows per INSERT statement: bounded parameter arrays, whatever the caller hands over. */
const CHUNK = 5000;
const EMAIL = /^[^@\s<>]+@[^@\s<>]+$/;

/**
 * What other modules use: queue mail inside their own transaction, and withdraw what is no longer
 * wanted. Nothing here talks to the network; the dispatcher sends after commit.
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly renderers: OutboxRenderers,
  ) {}

  /**
   * Queues the messages in the caller's transaction; a dedupe key already in the outbox (or twice
   * in the list) is a duplicate and is not queued again. Rows are inserted in dedupe-key order so
   * that two concurrent fan-outs over the same keys wait for each other instead of deadlocking.
   */
  async enqueue(manager: EntityManager, messages: NewOutboxMessage[]): Promise<EnqueueResult> {
    messages.forEach((m, i) => this.check(m, i));
    const sorted = [...messages].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
    const ids: string[] = [];
    for (let start = 0; start < sorted.length; start += CHUNK) {
      ids.push(...(await this.insert(manager, sorted.slice(start, start + CHUNK))));
    }
    return { queued: ids.length, duplicates: messages.length - ids.length, ids };
  }

  /**
   * Cancels pending messages that match every given criterion (at least one is required): queued,
   * retrying, or claimed by an instance whose lease has run out. A message being sent right now
   * is not stopped. Answers how many were cancelled.
   */
  async cancelPending(manager: EntityManager, filter: CancelFilter, reason = 'cancelled'): Promise<number> {
    const params: unknown[] = [dueTime(this.clock), reason];
    const where: string[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.ids) add((p) => `id = ANY(${p}::uuid[])`, filter.ids);
    if (filter.conferenceId) add((p) => `conference_id = ${p}`, filter.conferenceId);
    if (filter.kind) add((p) => `kind = ${p}`, filter.kind);
    if (filter.dedupeKeyPrefix) add((p) => `starts_with(dedupe_key, ${p})`, filter.dedupeKeyPrefix);
    if (filter.recipientEmail) add((p) => `recipient_email = ${p}`, filter.recipientEmail.trim().toLowerCase());
    if (where.length === 0) throw new Error('cancelPending needs at least one criterion');
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE outbox_message SET status = 'cancelled', status_reason = $2, claim_token = NULL, updated_at = coalesce($1::timestamptz, now())
       WHERE (status IN ('queued', 'retrying') OR (status = 'sending' AND next_attempt_at <= coalesce($1::timestamptz, now())))
         AND ${where.join(' AND ')}
       RETURNING id`,
      params,
    );
    return rows.length;
  }

  private async insert(manager: EntityManager, messages: NewOutboxMessage[]): Promise<string[]> {
    const ids = messages.map(() => randomUUID());
    const rows = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO outbox_message (id, dedupe_key, kind, conference_id, recipient_email, recipient_name, payload,
         next_attempt_at, expires_at, message_id, created_at, updated_at)
       SELECT u.id, u.dedupe_key, u.kind, u.conference_id, u.recipient_email, u.recipient_name, u.payload,
         coalesce(u.not_before, $1::timestamptz, now()), u.expires_at, u.message_id, coalesce($1::timestamptz, now()), coalesce($1::timestamptz, now())
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[], $10::timestamptz[], $11::text[])
         AS u(id, dedupe_key, kind, conference_id, recipient_email, recipient_name, payload, not_before, expires_at, message_id)
       ORDER BY u.dedupe_key
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        dueTime(this.clock),
        ids,
        messages.map((m) => m.dedupeKey),
        messages.map((m) => m.kind),
        messages.map((m) => m.conferenceId ?? null),
        messages.map((m) => m.recipientEmail.trim().toLowerCase()),
        messages.map((m) => nfc(m.recipientName ?? '')),
        messages.map((m) => JSON.stringify(m.payload)),
        messages.map((m) => m.notBefore ?? null),
        messages.map((m) => m.expiresAt ?? null),
        messages.map((m, i) => m.messageId ?? defaultMessageId(ids[i], this.config.mail.from)),
      ],
    );
    return rows.map((r) => r.id);
  }

  /** Programming errors of the calling module, reported before anything is written. */
  private check(m: NewOutboxMessage, index: number): void {
    const fail = (what: string) => {
      throw new Error(`outbox message ${index} (${m?.dedupeKey}): ${what}`);
    };
    if (typeof m.dedupeKey !== 'string' || m.dedupeKey.length === 0 || m.dedupeKey.length > MAX_DEDUPE_KEY_LENGTH) {
      fail(`dedupeKey must be 1 to ${MAX_DEDUPE_KEY_LENGTH} characters`);
    }
    if (!KIND_PATTERN.test(m.kind)) fail(`kind must match ${KIND_PATTERN}`);
    if (!this.renderers.has(m.kind)) fail(`no renderer is registered for kind "${m.kind}"`);
    if (typeof m.recipientEmail !== 'string' || !EMAIL.test(m.recipientEmail.trim()) || m.recipientEmail.length > 254) {
      fail('recipientEmail is not an e-mail address');
    }
    if (m.payload === null || typeof m.payload !== 'object' || Array.isArray(m.payload))
      fail('payload must be an object');
    if (m.messageId != null && !/^<[^<>\s@]+@[^<>\s@]+>$/.test(m.messageId))
      fail('messageId must look like <local@domain>');
  }
}
