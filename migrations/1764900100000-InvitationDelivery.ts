import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitation views read what became of each invitation's mail from the outbox (sent means
 * accepted by the relay): one index look-up per invitation instead of a scan of the conference's
 * messages.
 */
export class InvitationDelivery1764900100000 implements MigrationInterface {
  name = 'InvitationDelivery1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_outbox_message_invitation ON outbox_message ((payload->>'invitationId')) WHERE kind = 'invitation'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_outbox_message_invitation`);
  }
}
