import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan's date may be partial as a conference's plan date may ("ngày … tháng 12 năm 2022" is
 * "2022-12", a yearly plan "2024"): text YYYY, YYYY-MM or YYYY-MM-DD, checked as
 * conference.plan_issued_on is. Full dates already stored keep their YYYY-MM-DD text.
 */
export class PlanPartialIssuedOn1764900300000 implements MigrationInterface {
  name = 'PlanPartialIssuedOn1764900300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan ALTER COLUMN issued_on TYPE text USING to_char(issued_on, 'YYYY-MM-DD')`);
    await q.query(
      `ALTER TABLE plan ADD CONSTRAINT ck_plan_issued_on CHECK (issued_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan DROP CONSTRAINT ck_plan_issued_on`);
    // A partial date becomes the first day it may mean.
    await q.query(`
      ALTER TABLE plan ALTER COLUMN issued_on TYPE date USING (CASE
        WHEN issued_on ~ '^[0-9]{4}$' THEN issued_on || '-01-01'
        WHEN issued_on ~ '^[0-9]{4}-[0-9]{2}$' THEN issued_on || '-01'
        ELSE issued_on END)::date`);
  }
}
