import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { ledgerOf } from '../events/effect-ledger';
import { dueTime } from '../outbox/due-time';
import { LetterKind } from './invitation.messages';
import { LATEST_REQUESTS } from './invitation-delivery';
import { INVITATION_KIND } from './invitation.renderer';

/**
 * Which invitations a fan-out reaches: bridge points and clusters (null: all of them, []: none),
 * optionally one invitation only.
 */
export interface FanoutTarget {
  bridgePointIds: string[] | null;
  clusterIds: string[] | null;
  invitationId?: string;
}

/**
 * initial: never sent yet; update and cancel: sent and still invited — who passed the invitation on
 * to a substitute included, for their information (their calendar follows the meeting their deputy
 * attends); withdrawn: the one invitation just withdrawn, if it was sent; pointRemoved: as cancel,
 * but the meeting goes on without that point, so the letter is the withdrawal's.
 */
export type FanoutMode = 'initial' | 'update' | 'cancel' | 'withdrawn' | 'pointRemoved';

const STATE: Record<FanoutMode, string> = {
  initial: `i.withdrawn_at IS NULL AND i.sent_sequence IS NULL`,
  update: `i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL`,
  cancel: `i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL`,
  withdrawn: `i.sent_sequence IS NOT NULL`,
  pointRemoved: `i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL`,
};

const METHOD: Record<FanoutMode, 'REQUEST' | 'CANCEL'> = {
  initial: 'REQUEST',
  update: 'REQUEST',
  cancel: 'CANCEL',
  withdrawn: 'CANCEL',
  pointRemoved: 'CANCEL',
};
const LETTER: Record<FanoutMode, LetterKind> = {
  initial: 'invitation',
  update: 'update',
  cancel: 'cancel',
  withdrawn: 'withdrawn',
  pointRemoved: 'withdrawn',
};

// $1 conference, $2 bridge points, $3 clusters, $4 one invitation. A tentative cluster (no time
// yet) has nothing to announce: its invitations go once it is confirmed.
const TARGET = `i.conference_id = $1
  AND ((i.bridge_point_id IS NOT NULL AND ($2::uuid[] IS NULL OR i.bridge_point_id = ANY($2::uuid[])))
    OR (i.cluster_id IS NOT NULL AND ($3::uuid[] IS NULL OR i.cluster_id = ANY($3::uuid[]))
        AND EXISTS (SELECT 1 FROM cluster tk WHERE tk.id = i.cluster_id AND tk.starts_at IS NOT NULL)))
  AND ($4::uuid IS NULL OR i.id = $4::uuid)`;

export interface FanoutResult {
  queued: number;
  /** Invitations the fan-out reached whose person has no e-mail address: nothing could be sent. */
  withoutEmail: number;
}

/**
 * Queues invitation messages for a set of invitations in the caller's transaction, and records on
 * each what was sent (the SEQUENCE). One statement: `UPDATE … RETURNING` feeds `INSERT … SELECT`
 * into the outbox, in dedupe-key order, so a national conference never becomes JS objects and
 * two concurrent fan-outs queue each message once. A change first raises the SEQUENCE of each
 * event (the conference, or a cluster) that has someone to tell, once per change.
 */
@Injectable()
export class InvitationFanout {
  constructor(private readonly clock: Clock) {}

  async run(
    manager: EntityManager,
    conferenceId: string,
    target: FanoutTarget,
    mode: FanoutMode,
    reason: string | null = null,
  ): Promise<FanoutResult> {
    const where = [conferenceId, target.bridgePointIds, target.clusterIds, target.invitationId ?? null];
    if (mode === 'initial') await this.raiseForReinvited(manager, where);
    else await this.raiseSequences(manager, where, mode);
    const now = this.clock.now();
    const rows = await queryRows<{ queued: number; without_email: number }>(
      manager,
      `WITH reached AS (
         SELECT i.id, p.email FROM invitation i JOIN person p ON p.id = i.person_id WHERE ${TARGET} AND ${STATE[mode]} FOR UPDATE OF i
       ), sent AS (
         UPDATE invitation i
            SET sent_sequence = CASE WHEN i.cluster_id IS NULL THEN c.calendar_sequence
                                     ELSE (SELECT k.calendar_sequence FROM cluster k WHERE k.id = i.cluster_id) END,
                first_sent_at = coalesce(i.first_sent_at, $5), last_sent_at = $5, updated_at = $5
           FROM conference c, person p, reached r
          WHERE r.id = i.id AND r.email IS NOT NULL AND c.id = i.conference_id AND p.id = i.person_id
         RETURNING i.id, i.conference_id, i.sent_sequence, p.email, p.full_name
       ), queued AS (
         INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, conference_id, payload, next_attempt_at, created_at, updated_at)
         SELECT 'invitation:' || s.id || ':' || s.sent_sequence || ':' || lower($7), '${INVITATION_KIND}', lower(s.email), s.full_name, s.conference_id,
                jsonb_build_object('invitationId', s.id, 'sequence', s.sent_sequence, 'method', $7::text, 'letter', $8::text, 'reason', $9::text),
                coalesce($6::timestamptz, now()), coalesce($6::timestamptz, now()), coalesce($6::timestamptz, now())
           FROM sent s
          ORDER BY 1
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM queued) AS queued, (SELECT count(*)::int FROM reached WHERE email IS NULL) AS without_email`,
      [...where, now, dueTime(this.clock), METHOD[mode], LETTER[mode], reason],
    );
    // Those without an address leave no row: a preview learns of them from this statement's answer.
    const ledger = ledgerOf(manager);
    if (ledger) ledger.withoutEmail += rows[0].without_email;
    return { queued: rows[0].queued, withoutEmail: rows[0].without_email };
  }

  /**
   * Invitations of the target that were queued but whose latest REQUEST the relay never took
   * (`failed`, or `skipped` — e.g. sent while MAIL_FROM was unusable): that message is queued again,
   * as the outbox's retry does (fresh attempts, due now, same Message-ID). Answers how many.
   */
  async requeueUndelivered(manager: EntityManager, conferenceId: string, target: FanoutTarget): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `WITH latest AS (${LATEST_REQUESTS(`${TARGET} AND i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL AND i.answer IS DISTINCT FROM 'delegated'`)})
       UPDATE outbox_message m
          SET status = 'queued', attempts = 0, next_attempt_at = coalesce($5::timestamptz, now()), status_reason = NULL,
              claimed_by = NULL, claim_token = NULL, updated_at = coalesce($5::timestamptz, now())
         FROM latest l
        WHERE m.id = l.id AND l.status IN ('failed', 'skipped') AND m.status IN ('failed', 'skipped')
       RETURNING m.id`,
      [conferenceId, target.bridgePointIds, target.clusterIds, target.invitationId ?? null, dueTime(this.clock)],
    );
    return rows.length;
  }

  /**
   * The invitation's last REQUEST once more, as a new message (its own dedupe key, by the time of
   * asking: a double click queues one); the renderer mints a new answer link for it.
   */
  async resend(manager: EntityManager, invitationId: string): Promise<FanoutResult> {
    const rows = await queryRows<{ queued: number; without_email: number }>(
      manager,
      `WITH reached AS (
         SELECT i.id, i.conference_id, i.sent_sequence, p.email, p.full_name FROM invitation i JOIN person p ON p.id = i.person_id
          WHERE i.id = $1 AND i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL
       ), queued AS (
         INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, conference_id, payload, next_attempt_at, created_at, updated_at)
         SELECT 'invitation:' || r.id || ':' || r.sent_sequence || ':request:resend:' || $2, '${INVITATION_KIND}', lower(r.email), r.full_name, r.conference_id,
                jsonb_build_object('invitationId', r.id, 'sequence', r.sent_sequence, 'method', 'REQUEST', 'letter', 'invitation', 'reason', NULL),
                coalesce($3::timestamptz, now()), coalesce($3::timestamptz, now()), coalesce($3::timestamptz, now())
           FROM reached r WHERE r.email IS NOT NULL
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM queued) AS queued, (SELECT count(*)::int FROM reached WHERE email IS NULL) AS without_email`,
      [invitationId, Math.floor(this.clock.now().getTime() / 1000), dueTime(this.clock)],
    );
    await manager.query(`UPDATE invitation SET last_sent_at = $2, updated_at = $2 WHERE id = $1`, [
      invitationId,
      this.clock.now(),
    ]);
    return { queued: rows[0].queued, withoutEmail: rows[0].without_email };
  }

  /**
   * Someone invited again after a CANCEL already has that SEQUENCE in their calendar: a REQUEST with
   * the same number would be ignored, so the event's SEQUENCE goes up first (rule 6: only up).
   */
  private async raiseForReinvited(manager: EntityManager, where: unknown[]): Promise<void> {
    // From the withdrawn side (few rows, own index) to the new invitation (the unique index).
    const reinvited = (event: string, current: string) => `EXISTS (
      SELECT 1 FROM invitation w JOIN LATERAL (
          SELECT 1 FROM invitation i WHERE i.conference_id = w.conference_id AND i.person_id = w.person_id AND i.withdrawn_at IS NULL
             AND ${TARGET} AND ${STATE.initial} AND ${event}) n ON true
       WHERE w.conference_id = $1 AND w.withdrawn_at IS NOT NULL AND w.sent_sequence >= ${current})`;
    await manager.query(
      `UPDATE conference c SET calendar_sequence = calendar_sequence + 1 WHERE c.id = $1 AND ${reinvited('i.bridge_point_id IS NOT NULL AND w.bridge_point_id IS NOT NULL', 'c.calendar_sequence')}`,
      where,
    );
    await manager.query(
      `UPDATE cluster k SET calendar_sequence = calendar_sequence + 1 WHERE k.conference_id = $1 AND ${reinvited('i.cluster_id = k.id AND w.cluster_id = k.id', 'k.calendar_sequence')}`,
      where,
    );
  }

  /** SEQUENCE + 1 on the conference and on each cluster that has someone this change must tell. */
  private async raiseSequences(manager: EntityManager, where: unknown[], mode: FanoutMode): Promise<void> {
    await manager.query(
      `UPDATE conference c SET calendar_sequence = calendar_sequence + 1
        WHERE c.id = $1 AND EXISTS (SELECT 1 FROM invitation i WHERE ${TARGET} AND ${STATE[mode]} AND i.bridge_point_id IS NOT NULL)`,
      where,
    );
    await manager.query(
      `UPDATE cluster k SET calendar_sequence = calendar_sequence + 1
        WHERE k.conference_id = $1 AND EXISTS (SELECT 1 FROM invitation i WHERE ${TARGET} AND ${STATE[mode]} AND i.cluster_id = k.id)`,
      where,
    );
  }
}
