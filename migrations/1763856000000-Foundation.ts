import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763856000000 implements MigrationInterface {
  name = 'Foundation1763856000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CONSTRAINT ck_app_user_role CHECK (role IN ('admin', 'organizer', 'observer')),
        active boolean NOT NULL DEFAULT true,
        failed_logins int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_app_user_email UNIQUE (email),
        CONSTRAINT ck_app_user_email_lower CHECK (email = lower(email))
      )`);

    await q.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash bytea NOT NULL CONSTRAINT uq_api_token_hash UNIQUE,
        hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_api_token_user ON api_token (user_id)`);

    await q.query(`CREATE TABLE system_setting (key text PRIMARY KEY, value text NOT NULL)`);

    await q.query(`
      CREATE TABLE secret_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose text NOT NULL,
        subject_id uuid NOT NULL,
        conference_id uuid,
        token_hash bytea NOT NULL CONSTRAINT uq_secret_link_hash UNIQUE,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        first_used_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_secret_link_subject ON secret_link (purpose, subject_id)`);

    await q.query(`
      CREATE TABLE audit_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        conference_id uuid,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX ix_audit_entry_entity ON audit_entry (entity_type, entity_id)`);
    await q.query(
      `CREATE INDEX ix_audit_entry_conference ON audit_entry (conference_id, id) WHERE conference_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE caught_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        received_at timestamptz NOT NULL DEFAULT now(),
        envelope_from text NOT NULL,
        envelope_to text[] NOT NULL,
        subject text NOT NULL,
        message_id text,
        calendar_method text,
        size int NOT NULL,
        raw bytea NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_caught_message_received ON caught_message (received_at DESC)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE caught_message`);
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP TABLE secret_link`);
    await q.query(`DROP TABLE system_setting`);
    await q.query(`DROP TABLE api_token`);
    await q.query(`DROP TABLE app_user`);
  }
}
