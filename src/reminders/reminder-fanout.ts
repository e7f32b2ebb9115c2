import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { dueTime } from '../outbox/due-time';
import { decideSlot, ReminderKind } from './reminder-plan';
import { SLOT_REASONS } from './reminder.reasons';
import { outboxKind, REMINDER_SOURCES, slotKeyPrefix } from './reminder-sources';

/** Recipients queued per statement: one tick's work per slot stays bounded, whatever the audience. */
export const FANOUT_CHUNK = 5000;

interface DueSlotRow {
  id: string;
  series_id: string;
  version: number;
  offset_label: string;
  fire_at: Date;
  anchor_at: Date;
  cursor: string | null;
  queued: number;
  kind: ReminderKind;
  target_id: string;
  conference_id: string | null;
  series_version: number;
  series_anchor: Date | null;
  later_due: boolean;
}

export interface FireReport {
  fired: number;
  skipped: number;
  queued: number;
}

/**
 * Turns reminders whose time has come into outbox rows. Each step takes the earliest due slot
 * with FOR UPDATE SKIP LOCKED (instances never wait for each other), decides — current version,
 * event not started, not superseded — and queues the next chunk of its audience with one
 * INSERT … SELECT whose dedupe keys make a repeated or overlapping run queue nothing twice.
 */
@Injectable()
export class ReminderFanout {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** At most `steps` slot chunks, each in its own transaction. */
  async fireDue(now: Date, steps: number): Promise<FireReport> {
    const report: FireReport = { fired: 0, skipped: 0, queued: 0 };
    for (let i = 0; i < steps; i += 1) {
      const more = await this.dataSource.transaction((manager) => this.step(manager, now, report));
      if (!more) break;
    }
    return report;
  }

  private async step(manager: EntityManager, now: Date, report: FireReport): Promise<boolean> {
    const [slot] = await queryRows<DueSlotRow>(
      manager,
      `SELECT sl.id, sl.series_id, sl.version, sl.offset_label, sl.fire_at, sl.anchor_at, sl.cursor, sl.queued,
              s.kind, s.target_id, s.conference_id, s.version AS series_version, s.anchor_at AS series_anchor,
              EXISTS (SELECT 1 FROM reminder_slot l WHERE l.series_id = sl.series_id AND l.version = sl.version AND l.id <> sl.id
                        AND l.status IN ('pending', 'done') AND l.fire_at <= $1 AND l.fire_at > sl.fire_at) AS later_due
       FROM reminder_slot sl JOIN reminder_series s ON s.id = sl.series_id
       WHERE sl.status = 'pending' AND sl.fire_at <= $1
       ORDER BY sl.fire_at, sl.id
       LIMIT 1
       FOR UPDATE OF sl SKIP LOCKED`,
      [now],
    );
    if (!slot) return false;
    // A slot part-way through its audience was already judged: finish it.
    const decision = slot.cursor
      ? { send: true as const, late: false }
      : decideSlot(
          { label: slot.offset_label, fireAt: slot.fire_at, version: slot.version, anchorAt: slot.anchor_at },
          { version: slot.series_version, anchorAt: slot.series_anchor },
          now,
          slot.later_due,
        );
    if ('skip' in decision) {
      await this.finish(manager, slot.id, 'skipped', decision.skip, slot.cursor, 0);
      report.skipped += 1;
      return true;
    }
    const chunk = await this.queueChunk(manager, slot);
    const complete = chunk.seen < FANOUT_CHUNK;
    await this.finish(
      manager,
      slot.id,
      complete ? 'done' : 'pending',
      decision.late ? SLOT_REASONS.sentLate : null,
      chunk.lastKey ?? slot.cursor,
      chunk.queued,
    );
    if (complete) report.fired += 1;
    report.queued += chunk.queued;
    return true;
  }

  private async finish(
    manager: EntityManager,
    id: string,
    status: 'done' | 'skipped' | 'pending',
    reason: string | null,
    cursor: string | null,
    queued: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE reminder_slot SET status = $2, status_reason = coalesce($3, status_reason), cursor = $4, queued = queued + $5,
         processed_at = CASE WHEN $2 = 'pending' THEN NULL ELSE coalesce($6::timestamptz, now()) END
       WHERE id = $1`,
      [id, status, reason, cursor, queued, dueTime(this.clock)],
    );
  }

  /**
   * The next FANOUT_CHUNK recipients after the cursor, straight from the audience's SQL into the
   * outbox, in dedupe-key order (concurrent fan-outs never deadlock). A reminder expires at its
   * anchor: one still queued when the conference starts is skipped, not sent.
   */
  private async queueChunk(
    manager: EntityManager,
    slot: DueSlotRow,
  ): Promise<{ seen: number; queued: number; lastKey: string | null }> {
    const audience = REMINDER_SOURCES[slot.kind].audience;
    const prefix = slotKeyPrefix(slot.kind, slot.target_id, slot.version, slot.offset_label);
    const payload = {
      seriesId: slot.series_id,
      targetId: slot.target_id,
      version: slot.version,
      label: slot.offset_label,
      anchorAt: slot.anchor_at.toISOString(),
    };
    const expires = slot.offset_label === 'overdue' ? null : slot.anchor_at;
    const [result] = await queryRows<{ seen: number; queued: number; last_key: string | null }>(
      manager,
      `WITH chunk AS (
         SELECT a.recipient_key, a.email, a.name FROM (${audience}) a
         WHERE a.email ~ '^[^@\\s<>]+@[^@\\s<>]+$' AND length(a.email) <= 254 AND ($3::uuid IS NULL OR a.recipient_key > $3::uuid)
         ORDER BY a.recipient_key
         LIMIT $4
       ), queued AS (
         INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, conference_id, payload, next_attempt_at, expires_at, created_at, updated_at)
         SELECT $5 || c.recipient_key, $6, lower(c.email), coalesce(c.name, ''), $7, $8::jsonb || jsonb_build_object('recipientKey', c.recipient_key),
                coalesce($9::timestamptz, now()), $10, coalesce($9::timestamptz, now()), coalesce($9::timestamptz, now())
         FROM chunk c
         ORDER BY 1
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM chunk) AS seen, (SELECT count(*)::int FROM queued) AS queued,
              (SELECT recipient_key::text FROM chunk ORDER BY recipient_key DESC LIMIT 1) AS last_key`,
      [
        slot.target_id,
        null,
        slot.cursor,
        FANOUT_CHUNK,
        prefix,
        outboxKind(slot.kind),
        slot.conference_id,
        JSON.stringify(payload),
        dueTime(this.clock),
        expires,
      ],
    );
    return { seen: result.seen, queued: result.queued, lastKey: result.last_key };
  }
}
