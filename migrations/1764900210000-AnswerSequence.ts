import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The calendar SEQUENCE an answer answered: after a move of time or place the update asks again
 * (PARTSTAT=NEEDS-ACTION), and an answer older than the version last sent is shown apart
 * ("answered for an earlier time"), not counted as accepted or declined. Answers given before this
 * column existed are taken as answers to the version last sent (nothing says otherwise).
 */
export class AnswerSequence1764900210000 implements MigrationInterface {
  name = 'AnswerSequence1764900210000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitation ADD COLUMN answer_sequence int`);
    await q.query(`UPDATE invitation SET answer_sequence = sent_sequence WHERE answer IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitation DROP COLUMN answer_sequence`);
  }
}
