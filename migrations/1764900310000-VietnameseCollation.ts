import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names and titles sort in Vietnamese order (A Ă Â B C D Đ E Ê … I O Ô Ơ … U Ư …, tones after
 * letters) through an ICU collation, not in byte order, which put "Đại Lộc" after every other
 * letter and "Ân" after "Z". Set on the columns, so every list, tree path and export ordered by
 * one of them follows it without a COLLATE in each query. The collation is deterministic (equal
 * only when the bytes are), so uniqueness and equality stay as they were.
 */
const COLUMNS: [table: string, column: string][] = [
  ['unit', 'name'],
  ['unit', 'short_name'],
  ['person', 'full_name'],
  ['person_position', 'title'],
  ['conference', 'title'],
  ['bridge_point', 'name'],
  ['cluster', 'name'],
  ['cluster', 'venue'],
  ['plan', 'title'],
  ['presentation', 'topic'],
  ['composition_rule', 'label'],
  ['app_user', 'display_name'],
];

export class VietnameseCollation1764900310000 implements MigrationInterface {
  name = 'VietnameseCollation1764900310000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION vietnamese (provider = icu, locale = 'vi')`);
    for (const [table, column] of COLUMNS)
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN ${column} TYPE text COLLATE vietnamese`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS)
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN ${column} TYPE text COLLATE "default"`);
    await q.query(`DROP COLLATION vietnamese`);
  }
}
