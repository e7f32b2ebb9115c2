import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stewards of the directory: an organizer account given a unit by an administrator changes that
 * unit, the units under it and the people who hold positions there. One row per (account, unit);
 * the rows go with their account and their unit.
 */
export class UnitStewards1764900410000 implements MigrationInterface {
  name = 'UnitStewards1764900410000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_steward (
        unit_id uuid NOT NULL CONSTRAINT fk_unit_steward_unit REFERENCES unit(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_unit_steward_user REFERENCES app_user(id) ON DELETE CASCADE,
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by uuid,
        CONSTRAINT pk_unit_steward PRIMARY KEY (unit_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_unit_steward_user ON unit_steward (user_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unit_steward`);
  }
}
