import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed', 'cancelled', 'skipped'];
const PENDING = `status IN ('queued', 'retrying', 'sending')`;
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The outbox: one row per e-mail, written in the transaction of the change that causes it, sent
 * later by the dispatcher. Every computed column has an SQL default, so a module can fan out with
 * `INSERT INTO outbox_message (dedupe_key, kind, recipient_email, …) SELECT … ON CONFLICT DO NOTHING`.
 */
export class Outbox1763856300000 implements MigrationInterface {
  name = 'Outbox1763856300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text COLLATE "C" NOT NULL,
        kind text NOT NULL,
        conference_id uuid,
        recipient_email text NOT NULL,
        recipient_name text NOT NULL DEFAULT '',
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'queued',
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        message_id text,
        claimed_by text,
        claim_token uuid,
        last_error text,
        last_response text,
        status_reason text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_outbox_message_dedupe_key UNIQUE (dedupe_key),
        CONSTRAINT ck_outbox_message_status CHECK (status IN (${list(STATUSES)})),
        CONSTRAINT ck_outbox_message_dedupe_key CHECK (length(dedupe_key) BETWEEN 1 AND 500),
        CONSTRAINT ck_outbox_message_kind CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
        CONSTRAINT ck_outbox_message_recipient CHECK (
          recipient_email = lower(recipient_email) AND recipient_email ~ '^[^@\\s<>]+@[^@\\s<>]+$' AND length(recipient_email) <= 254),
        CONSTRAINT ck_outbox_message_payload CHECK (jsonb_typeof(payload) = 'object'),
        CONSTRAINT ck_outbox_message_attempts CHECK (attempts >= 0),
        CONSTRAINT ck_outbox_message_sent CHECK (status <> 'sent' OR sent_at IS NOT NULL)
      )`);
    // The claim reads this index only: its size follows the pending rows, not the sent history.
    await q.query(`CREATE INDEX ix_outbox_message_due ON outbox_message (next_attempt_at) WHERE ${PENDING}`);
    await q.query(
      `CREATE INDEX ix_outbox_message_conference ON outbox_message (conference_id, status) WHERE conference_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_outbox_message_status ON outbox_message (status, created_at)`);
    await q.query(`CREATE INDEX ix_outbox_message_recipient ON outbox_message (recipient_email)`);

    // One token bucket per name, shared by every instance (the SMTP relay's budget).
    await q.query(`
      CREATE TABLE outbox_rate_bucket (
        name text PRIMARY KEY,
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_rate_bucket`);
    await q.query(`DROP TABLE outbox_message`);
  }
}
