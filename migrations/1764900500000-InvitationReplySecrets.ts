import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A secret per invitation for calendar replies: the invitation's ORGANIZER is the organizer mailbox
 * plus this secret (`giaymoi+<secret>@…`), and the inbound listener takes a REPLY only at the
 * address of the invitation it answers. 96 bits from gen_random_uuid(), as 24 lower-case hex digits
 * (mail systems may change the case of a local part). Existing invitations get theirs here: a volatile
 * default is evaluated per row.
 */
export class InvitationReplySecrets1764900500000 implements MigrationInterface {
  name = 'InvitationReplySecrets1764900500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE invitation ADD COLUMN reply_secret text NOT NULL DEFAULT left(encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 24)`,
    );
    await q.query(`CREATE UNIQUE INDEX uq_invitation_reply_secret ON invitation (reply_secret)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_invitation_reply_secret`);
    await q.query(`ALTER TABLE invitation DROP COLUMN reply_secret`);
  }
}
