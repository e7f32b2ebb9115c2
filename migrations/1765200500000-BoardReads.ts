import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the invitations board at national size (2,000,000 invitations). Its search matches
 * the name key or part of the e-mail: the name key has its trigram index (ix_person_search);
 * without one on the e-mail, the search read every person of a national directory for each query
 * (e-mails are stored lower case, so ILIKE can use it). The answer filter counts by (conference,
 * answer) instead of reading every invitation of the conference.
 */
export class BoardReads1765200500000 implements MigrationInterface {
  name = 'BoardReads1765200500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_person_email_search ON person USING gin (email gin_trgm_ops)`);
    // The board's answer filter and its count: an index range instead of every invitation of the conference.
    await q.query(`CREATE INDEX ix_invitation_answer ON invitation (conference_id, answer) WHERE withdrawn_at IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_invitation_answer`);
    await q.query(`DROP INDEX ix_person_email_search`);
  }
}
