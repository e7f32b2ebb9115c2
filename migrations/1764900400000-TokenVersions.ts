import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user token version: login tokens carry it and stop working once it moves on. A password
 * change, a disable and a role change move it, so every token issued before them ends for good
 * (re-enabling the account does not bring them back).
 */
export class TokenVersions1764900400000 implements MigrationInterface {
  name = 'TokenVersions1764900400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN token_version int NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN token_version`);
  }
}
