import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers that calendar apps mail to the organizer (iMIP METHOD:REPLY, src/replies): one row per
 * message received, keyed by its Message-ID so a redelivered message is never applied twice, with
 * what became of it (applied, unchanged, ignored with the reason, refused). No message bodies are
 * kept. The index on (invitation, DTSTAMP) serves the check that a reply is not older than the
 * last one applied.
 */
export class CalendarReplies1763857500000 implements MigrationInterface {
  name = 'CalendarReplies1763857500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_reply (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id text NOT NULL CONSTRAINT uq_calendar_reply_message UNIQUE,
        received_at timestamptz NOT NULL,
        envelope_from text NOT NULL,
        header_from text,
        uid text,
        sequence int,
        dtstamp timestamptz,
        attendee text,
        partstat text,
        invitation_id uuid CONSTRAINT fk_calendar_reply_invitation REFERENCES invitation(id) ON DELETE SET NULL,
        conference_id uuid CONSTRAINT fk_calendar_reply_conference REFERENCES conference(id) ON DELETE SET NULL,
        outcome text NOT NULL CONSTRAINT ck_calendar_reply_outcome CHECK (outcome IN ('applied', 'unchanged', 'ignored', 'refused')),
        reason text,
        detail text,
        answer text
      )`);
    await q.query(`CREATE INDEX ix_calendar_reply_received ON calendar_reply (received_at DESC)`);
    await q.query(
      `CREATE INDEX ix_calendar_reply_invitation ON calendar_reply (invitation_id, dtstamp) WHERE invitation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_calendar_reply_conference ON calendar_reply (conference_id) WHERE conference_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_reply`);
  }
}
