import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The position a composition rule matched, kept on the invitation at generation: the letter, the
 * list and the CSV name it (a person holding several positions was named by their oldest one). No
 * foreign key, as for bridge_point_id: a position that is gone falls back to the person's oldest
 * current one, and generating two million invitations checks no extra key. Invitations generated
 * before get the current position in their rule's roles that ranks first (the rule's role order,
 * then the oldest); the others keep null.
 */
export class InvitationPosition1764900200000 implements MigrationInterface {
  name = 'InvitationPosition1764900200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitation ADD COLUMN position_id uuid`);
    await q.query(`
      UPDATE invitation i SET position_id = (
        SELECT pp.id FROM person_position pp JOIN composition_rule r ON r.id = i.rule_id
         WHERE pp.person_id = i.person_id AND pp.ended_on IS NULL AND (r.roles IS NULL OR pp.role = ANY(r.roles))
         ORDER BY coalesce(array_position(r.roles, pp.role), 0), pp.created_at, pp.id LIMIT 1)
       WHERE i.rule_id IS NOT NULL AND i.source = 'composition'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitation DROP COLUMN position_id`);
  }
}
