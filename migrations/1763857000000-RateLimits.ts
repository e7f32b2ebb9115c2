import { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimits1763857000000 implements MigrationInterface {
  name = 'RateLimits1763857000000';

  public async up(q: QueryRunner): Promise<void> {
    // Unlogged: counters may be lost in a crash, and that is fine; writes stay cheap.
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_bucket (
        key text PRIMARY KEY,
        hits int NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_bucket`);
  }
}
