import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { dueTime } from '../outbox/due-time';
import { OutboxService } from '../outbox/outbox.service';
import { planSlots, PlannedSeries, REMINDER_KINDS, ReminderKind, seriesChange } from './reminder-plan';
import { SLOT_REASONS } from './reminder.reasons';
import { outboxKind, REMINDER_SOURCES, seriesKeyPrefix, slotKeyPrefix } from './reminder-sources';

/** Series (re)planned per kind and statement: bounds one tick's work. */
export const PLAN_BATCH = 500;

interface CurrentRow {
  target_id: string;
  conference_id: string | null;
  anchor_at: Date | null;
  time_zone: string;
  offsets: string[];
}

interface SeriesRow extends PlannedSeries {
  id: string;
  targetId: string;
}

/**
 * Keeps the planned reminders in step with the data: for every target whose time or offsets differ
 * from what was planned, a new version when the time moved (the old version's pending reminders
 * withdrawn from the outbox), or the slots of added offsets. Idempotent: a second run, or one on
 * another instance at the same moment, finds nothing left to do (series rows are locked and
 * re-read before they change).
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** One batch per kind, each in its own transaction (or in the caller's). Answers the series changed. */
  async reconcile(now: Date, scope: { conferenceId?: string } = {}, manager?: EntityManager): Promise<number> {
    let changed = 0;
    for (const kind of REMINDER_KINDS) {
      const run = (m: EntityManager) => this.reconcileKind(m, kind, now, scope.conferenceId ?? null);
      changed += manager ? await run(manager) : await this.dataSource.transaction(run);
    }
    return changed;
  }

  private async reconcileKind(
    manager: EntityManager,
    kind: ReminderKind,
    now: Date,
    conferenceId: string | null,
  ): Promise<number> {
    const source = REMINDER_SOURCES[kind];
    const rows = await queryRows<CurrentRow>(manager, source.current, [now, source.defaults, conferenceId, PLAN_BATCH]);
    if (rows.length === 0) return 0;
    const planned = await this.lockSeries(
      manager,
      kind,
      rows.map((r) => r.target_id),
    );
    let changed = 0;
    for (const row of rows) {
      if (await this.apply(manager, kind, row, planned.get(row.target_id) ?? null, now)) changed += 1;
    }
    return changed;
  }

  private async lockSeries(
    manager: EntityManager,
    kind: ReminderKind,
    targetIds: string[],
  ): Promise<Map<string, SeriesRow>> {
    const rows = await queryRows<SeriesRow>(
      manager,
      `SELECT id, target_id AS "targetId", version, anchor_at AS "anchorAt", offsets FROM reminder_series
       WHERE kind = $1 AND target_id = ANY($2::uuid[]) ORDER BY target_id FOR UPDATE`,
      [kind, targetIds],
    );
    return new Map(rows.map((r) => [r.targetId, r]));
  }

  private async apply(
    manager: EntityManager,
    kind: ReminderKind,
    row: CurrentRow,
    planned: SeriesRow | null,
    now: Date,
  ): Promise<boolean> {
    const change = seriesChange(planned, { anchorAt: row.anchor_at, offsets: row.offsets });
    if (change.kind === 'none') return false;
    if (change.kind === 'create') {
      const id = await this.createSeries(manager, kind, row);
      // Created meanwhile by another instance: that one plans it.
      if (id) await this.insertSlots(manager, id, 1, kind, row, now);
      return id !== null;
    }
    const series = planned!;
    if (change.kind === 'move') {
      await this.updateSeries(manager, series.id, row, change.version);
      const reason = row.anchor_at ? SLOT_REASONS.rescheduled : SLOT_REASONS.noLongerScheduled;
      await this.withdrawVersions(manager, series.id, kind, row, change.version, reason);
      if (row.anchor_at) await this.insertSlots(manager, series.id, change.version, kind, row, now);
      return true;
    }
    await this.updateSeries(manager, series.id, row, series.version);
    await this.withdrawOffsets(manager, series.id, kind, row, series.version, change.removed);
    await this.insertSlots(manager, series.id, series.version, kind, row, now);
    return true;
  }

  private async createSeries(manager: EntityManager, kind: ReminderKind, row: CurrentRow): Promise<string | null> {
    const [created] = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO reminder_series (kind, target_id, conference_id, anchor_at, time_zone, offsets, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now()))
       ON CONFLICT (kind, target_id) DO NOTHING RETURNING id`,
      [kind, row.target_id, row.conference_id, row.anchor_at, row.time_zone, row.offsets, dueTime(this.clock)],
    );
    return created?.id ?? null;
  }

  private async updateSeries(manager: EntityManager, id: string, row: CurrentRow, version: number): Promise<void> {
    await manager.query(
      `UPDATE reminder_series SET anchor_at = $2, time_zone = $3, offsets = $4, version = $5, conference_id = $6, updated_at = coalesce($7::timestamptz, now()) WHERE id = $1`,
      [id, row.anchor_at, row.time_zone, row.offsets, version, row.conference_id, dueTime(this.clock)],
    );
  }

  /** A move: every pending slot of older versions, and whatever they queued that has not gone out. */
  private async withdrawVersions(
    manager: EntityManager,
    seriesId: string,
    kind: ReminderKind,
    row: CurrentRow,
    version: number,
    reason: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE reminder_slot SET status = 'cancelled', status_reason = $3, processed_at = coalesce($4::timestamptz, now())
       WHERE series_id = $1 AND status = 'pending' AND version <> $2`,
      [seriesId, version, reason, dueTime(this.clock)],
    );
    await this.outbox.cancelPending(
      manager,
      { ...this.outboxFilter(kind, row), dedupeKeyPrefix: seriesKeyPrefix(kind, row.target_id) },
      reason,
    );
  }

  /** Offsets removed from the settings: their pending slots of this version, and what they queued. */
  private async withdrawOffsets(
    manager: EntityManager,
    seriesId: string,
    kind: ReminderKind,
    row: CurrentRow,
    version: number,
    labels: string[],
  ): Promise<void> {
    if (labels.length === 0) return;
    await manager.query(
      `UPDATE reminder_slot SET status = 'cancelled', status_reason = $4, processed_at = coalesce($5::timestamptz, now())
       WHERE series_id = $1 AND status = 'pending' AND version = $2 AND offset_label = ANY($3::text[])`,
      [seriesId, version, labels, SLOT_REASONS.offsetRemoved, dueTime(this.clock)],
    );
    for (const label of labels) {
      await this.outbox.cancelPending(
        manager,
        { ...this.outboxFilter(kind, row), dedupeKeyPrefix: slotKeyPrefix(kind, row.target_id, version, label) },
        SLOT_REASONS.offsetRemoved,
      );
    }
  }

  /** The conference narrows the scan to its rows (index on conference_id, status). */
  private outboxFilter(kind: ReminderKind, row: CurrentRow) {
    return { kind: outboxKind(kind), ...(row.conference_id ? { conferenceId: row.conference_id } : {}) };
  }

  private async insertSlots(
    manager: EntityManager,
    seriesId: string,
    version: number,
    kind: ReminderKind,
    row: CurrentRow,
    now: Date,
  ): Promise<void> {
    const slots = planSlots({ kind, anchorAt: row.anchor_at!, zone: row.time_zone, offsets: row.offsets }, now);
    if (slots.length === 0) return;
    await manager.query(
      `INSERT INTO reminder_slot (series_id, version, offset_label, fire_at, anchor_at, status, status_reason, processed_at, created_at)
       SELECT $1, $2, u.label, u.fire_at, $3, CASE WHEN u.reason IS NULL THEN 'pending' ELSE 'skipped' END, u.reason,
              CASE WHEN u.reason IS NULL THEN NULL ELSE coalesce($7::timestamptz, now()) END, coalesce($7::timestamptz, now())
       FROM unnest($4::text[], $5::timestamptz[], $6::text[]) AS u(label, fire_at, reason)
       ON CONFLICT (series_id, version, offset_label) DO NOTHING`,
      [
        seriesId,
        version,
        row.anchor_at,
        slots.map((s) => s.label),
        slots.map((s) => s.fireAt),
        slots.map((s) => s.skipped),
        dueTime(this.clock),
      ],
    );
  }
}
