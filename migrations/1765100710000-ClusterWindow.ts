import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cluster may be planned with only a tentative window ("dự kiến cuối tháng 10-2018"), as a
 * conference may (issue 16, item 9): the same three columns as the conference's window, a time
 * that stays empty until it is confirmed, and a status `tentative` until then, so that what reads
 * `status = 'scheduled'` (checks, agendas) sees confirmed clusters only.
 */
export class ClusterWindow1765100710000 implements MigrationInterface {
  name = 'ClusterWindow1765100710000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cluster
        ADD COLUMN window_from date,
        ADD COLUMN window_to date,
        ADD COLUMN window_note text,
        ALTER COLUMN starts_at DROP NOT NULL,
        ALTER COLUMN ends_at DROP NOT NULL,
        DROP CONSTRAINT ck_cluster_status,
        ADD CONSTRAINT ck_cluster_status CHECK (status IN ('tentative', 'scheduled', 'cancelled')),
        ADD CONSTRAINT ck_cluster_window CHECK (window_to >= window_from AND (window_from IS NULL) = (window_to IS NULL)),
        ADD CONSTRAINT ck_cluster_time_or_window CHECK (
          (starts_at IS NOT NULL AND ends_at IS NOT NULL) OR (starts_at IS NULL AND ends_at IS NULL AND window_from IS NOT NULL)),
        ADD CONSTRAINT ck_cluster_tentative_untimed CHECK (
          CASE status WHEN 'tentative' THEN starts_at IS NULL WHEN 'scheduled' THEN starts_at IS NOT NULL ELSE true END)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM cluster WHERE starts_at IS NULL`);
    await q.query(`
      ALTER TABLE cluster
        DROP CONSTRAINT ck_cluster_tentative_untimed,
        DROP CONSTRAINT ck_cluster_time_or_window,
        DROP CONSTRAINT ck_cluster_window,
        DROP CONSTRAINT ck_cluster_status,
        ADD CONSTRAINT ck_cluster_status CHECK (status IN ('scheduled', 'cancelled')),
        ALTER COLUMN starts_at SET NOT NULL,
        ALTER COLUMN ends_at SET NOT NULL,
        DROP COLUMN window_from,
        DROP COLUMN window_to,
        DROP COLUMN window_note`);
  }
}
