import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a plan cites (căn cứ / thực hiện: number, date, issuer, title) and whom it is addressed to
 * (Kính gửi). Each is a short ordered list read and written with its conference, so a jsonb
 * array on the row; an addressee's unit is checked by the service when it is written.
 */
export class CitedDocuments1765000800000 implements MigrationInterface {
  name = 'CitedDocuments1765000800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conference
        ADD COLUMN cited_documents jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN addressees jsonb NOT NULL DEFAULT '[]'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conference DROP COLUMN cited_documents, DROP COLUMN addressees`);
  }
}
