import { MigrationInterface, QueryRunner } from 'typeorm';

/** Browser sessions for the console (cookie + CSRF token) and each user's console language. */
export class BrowserSessions1764900600000 implements MigrationInterface {
  name = 'BrowserSessions1764900600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE browser_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL CONSTRAINT uq_browser_session_token_hash UNIQUE,
        csrf_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        ended_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_browser_session_user ON browser_session (user_id)`);
    await q.query(
      `ALTER TABLE app_user ADD COLUMN language text NOT NULL DEFAULT 'vi' CONSTRAINT ck_app_user_language CHECK (language IN ('vi', 'en'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN language`);
    await q.query(`DROP TABLE browser_session`);
  }
}
