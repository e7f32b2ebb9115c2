import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an in-person or hybrid conference is held (issue 16, item 4): the hall, its address and
 * room, read and written with the conference, so one jsonb object on the row; an online meeting
 * has none. Three kinds the plans name: a technical test run (chạy thử kỹ thuật), a rehearsal
 * (tổng duyệt) and a ceremony (lễ).
 */
export class ConferenceVenue1765200300000 implements MigrationInterface {
  name = 'ConferenceVenue1765200300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conference
        ADD COLUMN venue jsonb,
        ADD CONSTRAINT ck_conference_venue_format CHECK (venue IS NULL OR format <> 'online'),
        DROP CONSTRAINT ck_conference_kind,
        ADD CONSTRAINT ck_conference_kind CHECK (kind IN (
          'conference', 'roundtable', 'meeting', 'training', 'other', 'technical_test', 'rehearsal', 'ceremony'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE conference SET kind = 'other' WHERE kind IN ('technical_test', 'rehearsal', 'ceremony')`);
    await q.query(`
      ALTER TABLE conference
        DROP CONSTRAINT ck_conference_kind,
        ADD CONSTRAINT ck_conference_kind CHECK (kind IN ('conference', 'roundtable', 'meeting', 'training', 'other')),
        DROP CONSTRAINT ck_conference_venue_format,
        DROP COLUMN venue`);
  }
}
