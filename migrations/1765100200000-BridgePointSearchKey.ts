import { MigrationInterface, QueryRunner } from 'typeorm';

// The letters as src/common/sql-fold.ts has them today, written out so that this migration keeps
// meaning what it meant.
const LETTERS = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
const FOLDED = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/**
 * A point's name folded (lower case, no tone marks, đ → d) for the console's search across a
 * national conference's 31,000 points: folding each name at query time took seconds. Generated
 * by PostgreSQL, so the bulk insert, the single writes and any later one keep it without the
 * application's help; in byte order ("C") for the trigram index.
 */
export class BridgePointSearchKey1765100200000 implements MigrationInterface {
  name = 'BridgePointSearchKey1765100200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bridge_point ADD COLUMN search_key text COLLATE "C"
        GENERATED ALWAYS AS (translate(lower(name), '${LETTERS}', '${FOLDED}') COLLATE "C") STORED`);
    await q.query(`CREATE INDEX ix_bridge_point_search ON bridge_point USING gin (search_key gin_trgm_ops)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bridge_point DROP COLUMN search_key`);
  }
}
