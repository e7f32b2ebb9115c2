import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rounds and rehearsals of one conference (issue 16, item 8): Đợt 1, Đợt 2, tổng duyệt, chạy thử
 * kỹ thuật are conferences of their own (time, invitees, letter) that name their main event. One
 * level only (the service refuses a round of a round); a main event with rounds cannot be deleted
 * from under them (RESTRICT), and cancelling it cancels nothing else (the checks say so).
 */
export class ConferenceRounds1765200310000 implements MigrationInterface {
  name = 'ConferenceRounds1765200310000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conference
        ADD COLUMN main_conference_id uuid CONSTRAINT fk_conference_main REFERENCES conference(id) ON DELETE RESTRICT,
        ADD COLUMN round_label text,
        ADD CONSTRAINT ck_conference_not_own_round CHECK (main_conference_id <> id),
        ADD CONSTRAINT ck_conference_round_label CHECK (round_label IS NULL OR main_conference_id IS NOT NULL)`);
    await q.query(
      `CREATE INDEX ix_conference_main ON conference (main_conference_id) WHERE main_conference_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_conference_main`);
    await q.query(`
      ALTER TABLE conference
        DROP CONSTRAINT ck_conference_round_label,
        DROP CONSTRAINT ck_conference_not_own_round,
        DROP COLUMN round_label,
        DROP COLUMN main_conference_id`);
  }
}
