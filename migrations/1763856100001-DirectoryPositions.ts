import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the directory API and its CSV import need beyond the base tables: a person holds a role in a
 * unit at most once at a time (the key the import upserts positions by), and positions have a title.
 */
export class DirectoryPositions1763856100001 implements MigrationInterface {
  name = 'DirectoryPositions1763856100001';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE UNIQUE INDEX uq_position_current ON person_position (person_id, unit_id, role) WHERE ended_on IS NULL`,
    );
    await q.query(`ALTER TABLE person_position ADD CONSTRAINT ck_position_title CHECK (length(btrim(title)) > 0)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person_position DROP CONSTRAINT ck_position_title`);
    await q.query(`DROP INDEX uq_position_current`);
  }
}
