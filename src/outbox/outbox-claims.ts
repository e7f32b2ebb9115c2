import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { HeldRow } from './held-leases';
import type { RenderableMessage } from './outbox-renderers';

export interface ClaimRequest {
  /** The instant that decides due-ness; null: the database's now(). */
  now: Date | null;
  limit: number;
  leaseMs: number;
  claimedBy: string;
  /** One token per claim: outcomes are recorded only by the holder of the claim. */
  token: string;
  /** Only kinds this instance can render. */
  kinds: string[];
  /** Domain of default Message-IDs for rows inserted without one. */
  messageIdDomain: string;
}

export interface ClaimedMessage extends RenderableMessage {
  /** Its expiry passed before its turn came. */
  expired: boolean;
}

type ClaimedRow = Omit<ClaimedMessage, 'attempt'> & { attempts: number };

export interface SentMark {
  id: string;
  token: string;
  /** The server's answer ("250 2.0.0 Ok: queued as …"). */
  response: string;
}

// `$n::timestamptz` is null when the database's clock decides; see dueTime().
const NOW = (n: number) => `coalesce($${n}::timestamptz, now())`;

/**
 * The dispatcher's statements. A claim takes due rows with FOR UPDATE SKIP LOCKED (instances
 * never wait for each other) and turns them into a lease: status `sending`, next_attempt_at = end
 * of the lease. The holder renews its leases while it lives (HeldLeases); if it dies, the row is due
 * again when the lease ends. Every outcome is written only WHERE claim_token matches, so a holder
 * that lost its lease cannot overwrite a newer one.
 */
@Injectable()
export class OutboxClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Lapsed leases first — rows a dead instance held, already at the head of the queue when it claimed
   * them — then the rest in due order: a takeover does not wait behind a backlog queued since.
   * (The lapsed ones are found through ix_outbox_message_leases, which holds only leased rows.)
   */
  async claim(request: ClaimRequest): Promise<ClaimedMessage[]> {
    if (request.limit <= 0 || request.kinds.length === 0) return [];
    const lapsed = await this.claimWhere(`status = 'sending'`, request, request.limit);
    if (lapsed.length === request.limit) return lapsed;
    const due = await this.claimWhere(
      `status IN ('queued', 'retrying', 'sending')`,
      request,
      request.limit - lapsed.length,
    );
    return [...lapsed, ...due];
  }

  private async claimWhere(status: string, request: ClaimRequest, limit: number): Promise<ClaimedMessage[]> {
    const rows = await queryRows<ClaimedRow>(
      this.dataSource,
      `WITH due AS (
         SELECT id FROM outbox_message
         WHERE ${status} AND next_attempt_at <= ${NOW(1)} AND kind = ANY($3::text[])
         ORDER BY next_attempt_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE outbox_message m SET
         status = 'sending',
         attempts = m.attempts + 1,
         claimed_by = $4,
         claim_token = $5,
         next_attempt_at = ${NOW(1)} + make_interval(secs => $6::float8 / 1000),
         message_id = coalesce(m.message_id, '<' || m.id || '@' || $7 || '>'),
         updated_at = ${NOW(1)}
       FROM due WHERE m.id = due.id
       RETURNING m.id, m.dedupe_key AS "dedupeKey", m.kind, m.conference_id AS "conferenceId",
         m.recipient_email AS "recipientEmail", m.recipient_name AS "recipientName", m.payload, m.attempts,
         m.message_id AS "messageId", m.created_at AS "createdAt",
         (m.expires_at IS NOT NULL AND m.expires_at <= ${NOW(1)}) AS expired`,
      [request.now, limit, request.kinds, request.claimedBy, request.token, request.leaseMs, request.messageIdDomain],
    );
    return rows.map(({ attempts, ...row }) => ({ ...row, attempt: attempts }));
  }

  /**
   * The heartbeat: moves the end of these leases to `leaseMs` from now, for the rows still held under
   * their token and whose lease has not already run out (a lapsed lease may have been claimed anew
   * and is never revived). Answers the ids renewed.
   */
  async renew(rows: HeldRow[], now: Date | null, leaseMs: number): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const renewed = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE outbox_message m SET next_attempt_at = ${NOW(3)} + make_interval(secs => $4::float8 / 1000)
       FROM unnest($1::uuid[], $2::uuid[]) AS h(id, token)
       WHERE m.id = h.id AND m.claim_token = h.token AND m.status = 'sending' AND m.next_attempt_at > ${NOW(3)}
       RETURNING m.id`,
      [rows.map((r) => r.id), rows.map((r) => r.token), now, leaseMs],
    );
    return new Set(renewed.map((r) => r.id));
  }

  /**
   * Right after the server accepted them: the only record that prevents a second send. Answers
   * the ids recorded (a row whose claim was taken over in the meantime is not).
   */
  async markSent(marks: SentMark[], now: Date | null): Promise<Set<string>> {
    if (marks.length === 0) return new Set();
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE outbox_message m SET status = 'sent', sent_at = ${NOW(4)}, last_response = u.response, claim_token = NULL, updated_at = ${NOW(4)}
       FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(id, token, response)
       WHERE m.id = u.id AND m.claim_token = u.token
       RETURNING m.id`,
      [marks.map((m) => m.id), marks.map((m) => m.token), marks.map((m) => m.response), now],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A temporary failure: due again `delayMs` after `now`; `serverOutage` when the server itself was unreachable. */
  async markRetrying(
    id: string,
    token: string,
    now: Date | null,
    delayMs: number,
    error: string,
    serverOutage = false,
  ): Promise<boolean> {
    return this.update(
      `UPDATE outbox_message SET status = 'retrying', next_attempt_at = ${NOW(3)} + make_interval(secs => $4::float8 / 1000),
         last_error = $5, server_outage = $6, claim_token = NULL, updated_at = ${NOW(3)}
       WHERE id = $1 AND claim_token = $2`,
      [id, token, now, delayMs, error, serverOutage],
    );
  }

  /**
   * The server accepts mail again: messages waiting out a back-off because it was unreachable are
   * due now (the claim order and the rate limit still pace them). Answers how many.
   */
  async bringForwardAfterOutage(now: Date | null): Promise<number> {
    const result = await this.dataSource.query<[unknown[], number]>(
      `UPDATE outbox_message SET next_attempt_at = ${NOW(1)}, server_outage = false, updated_at = ${NOW(1)}
       WHERE status = 'retrying' AND server_outage AND next_attempt_at > ${NOW(1)}`,
      [now],
    );
    return result[1];
  }

  async markFailed(id: string, token: string, now: Date | null, error: string): Promise<boolean> {
    return this.update(
      `UPDATE outbox_message SET status = 'failed', last_error = $4, claim_token = NULL, updated_at = ${NOW(3)}
       WHERE id = $1 AND claim_token = $2`,
      [id, token, now, error],
    );
  }

  /** Not sent and never will be: the attempt did not happen, so it is not counted. */
  async markSkipped(ids: string[], token: string, now: Date | null, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_message SET status = 'skipped', status_reason = $4, attempts = attempts - 1, claim_token = NULL, updated_at = ${NOW(3)}
       WHERE id = ANY($1::uuid[]) AND claim_token = $2`,
      [ids, token, now, reason],
    );
  }

  /** Back to the queue, due at once, as if never claimed (shutdown, or a lease too short to start a send). */
  async release(ids: string[], token: string, now: Date | null): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox_message SET attempts = attempts - 1, status = CASE WHEN attempts - 1 = 0 THEN 'queued' ELSE 'retrying' END,
         next_attempt_at = ${NOW(3)}, claimed_by = NULL, claim_token = NULL, updated_at = ${NOW(3)}
       WHERE id = ANY($1::uuid[]) AND claim_token = $2`,
      [ids, token, now],
    );
  }

  private async update(sql: string, params: unknown[]): Promise<boolean> {
    const result = await this.dataSource.query<[unknown[], number]>(sql, params);
    return result[1] === 1;
  }
}
