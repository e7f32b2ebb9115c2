import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What plans say of each bridge point and of the chairs (issue 16, items 5 and 6): the expected
 * attendance ("khoảng 296 đại biểu", approximate or exact), the chair at the point (chủ trì tại
 * điểm cầu: a person of the directory and/or the plan's words, distinct from the coordinator),
 * and the conference's co-chairs, a list in the chair's own shape (jsonb: the service checks the
 * people it names, as it does for the addressees' units).
 */
export class PointFacts1765200200000 implements MigrationInterface {
  name = 'PointFacts1765200200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bridge_point
        ADD COLUMN expected_attendance int CONSTRAINT ck_bridge_point_expected_attendance CHECK (expected_attendance >= 0),
        ADD COLUMN expected_attendance_approximate boolean NOT NULL DEFAULT false,
        ADD COLUMN chair_person_id uuid CONSTRAINT fk_bridge_point_chair_person REFERENCES person(id),
        ADD COLUMN chair_text text`);
    await q.query(`ALTER TABLE conference ADD COLUMN co_chairs jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conference DROP COLUMN co_chairs`);
    await q.query(`
      ALTER TABLE bridge_point
        DROP COLUMN chair_text,
        DROP COLUMN chair_person_id,
        DROP COLUMN expected_attendance_approximate,
        DROP COLUMN expected_attendance`);
  }
}
