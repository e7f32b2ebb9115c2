import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and digests on the outbox: per-conference settings, one series per thing reminders
 * hang on (a conference's start, a connection test, a due) with a version raised whenever its time
 * changes, and the planned reminders of each version (slots) with what became of them. The partial
 * index on pending slots is all the scheduler's tick reads; the one on bridge points serves the
 * search for scheduled connection tests.
 */
export class Reminders1763857300000 implements MigrationInterface {
  name = 'Reminders1763857300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_settings (
        conference_id uuid PRIMARY KEY CONSTRAINT fk_reminder_settings_conference REFERENCES conference(id) ON DELETE CASCADE,
        conference_offsets text[] NOT NULL,
        readiness_offsets text[] NOT NULL,
        deadline_offsets text[] NOT NULL,
        overdue_notice boolean NOT NULL DEFAULT true,
        daily_digest boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);

    await q.query(`
      CREATE TABLE reminder_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CONSTRAINT ck_reminder_series_kind CHECK (kind IN ('conference', 'readiness', 'deadline')),
        target_id uuid NOT NULL,
        conference_id uuid CONSTRAINT fk_reminder_series_conference REFERENCES conference(id) ON DELETE CASCADE,
        anchor_at timestamptz,
        time_zone text NOT NULL,
        offsets text[] NOT NULL,
        version int NOT NULL DEFAULT 1 CONSTRAINT ck_reminder_series_version CHECK (version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_reminder_series_target UNIQUE (kind, target_id)
      )`);
    await q.query(`CREATE INDEX ix_reminder_series_conference ON reminder_series (conference_id)`);
    await q.query(
      `CREATE INDEX ix_reminder_series_future ON reminder_series (kind, anchor_at) WHERE anchor_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE reminder_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_id uuid NOT NULL CONSTRAINT fk_reminder_slot_series REFERENCES reminder_series(id) ON DELETE CASCADE,
        version int NOT NULL,
        offset_label text NOT NULL,
        fire_at timestamptz NOT NULL,
        anchor_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT ck_reminder_slot_status CHECK (status IN ('pending', 'done', 'skipped', 'cancelled')),
        status_reason text,
        cursor text COLLATE "C",
        queued int NOT NULL DEFAULT 0,
        processed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_reminder_slot UNIQUE (series_id, version, offset_label)
      )`);
    await q.query(`CREATE INDEX ix_reminder_slot_due ON reminder_slot (fire_at) WHERE status = 'pending'`);

    await q.query(
      `CREATE INDEX ix_bridge_point_test_scheduled ON bridge_point (readiness_test_at) WHERE readiness = 'test_scheduled'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_bridge_point_test_scheduled`);
    await q.query(`DROP TABLE reminder_slot`);
    await q.query(`DROP TABLE reminder_series`);
    await q.query(`DROP TABLE reminder_settings`);
  }
}
