import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table a PATCH changes; its `version` is the resource's ETag. */
const TABLES = [
  'conference',
  'bridge_point',
  'cluster',
  'agenda_slot',
  'composition_rule',
  'presentation',
  'plan',
  'task',
  'unit',
  'person',
  'app_user',
];

/**
 * A per-row version for If-Match / ETag. A BEFORE UPDATE trigger moves it, not the services:
 * some writes are raw SQL that bypass TypeORM, and the trigger is the one place every write
 * passes. An UPDATE that changes nothing leaves it alone, so a no-op write never makes an
 * organizer's copy stale; whatever a writer puts into `version` itself is ignored.
 */
export class RowVersions1765100400000 implements MigrationInterface {
  name = 'RowVersions1765100400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION convene_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.version := OLD.version;
        IF NEW IS DISTINCT FROM OLD THEN
          NEW.version := OLD.version + 1;
        END IF;
        RETURN NEW;
      END $$`);
    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN version int NOT NULL DEFAULT 1`);
      await q.query(
        `CREATE TRIGGER ${table}_version BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION convene_bump_version()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP TRIGGER ${table}_version ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN version`);
    }
    await q.query(`DROP FUNCTION convene_bump_version()`);
  }
}
