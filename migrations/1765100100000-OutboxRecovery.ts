import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox recovery (issue 21). `server_outage` marks a message waiting in retry because the server
 * itself was unreachable (no connection, a 421), not because of this message: once a send to the
 * server succeeds again, those messages are brought forward instead of waiting out their back-off.
 * `ix_outbox_message_leases` holds only the rows under a lease (a few hundred per instance): the
 * claim of lapsed leases reads it, never the whole due index behind a large backlog.
 */
export class OutboxRecovery1765100100000 implements MigrationInterface {
  name = 'OutboxRecovery1765100100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN server_outage boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX ix_outbox_message_leases ON outbox_message (next_attempt_at) WHERE status = 'sending'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_message_leases`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN server_outage`);
  }
}
