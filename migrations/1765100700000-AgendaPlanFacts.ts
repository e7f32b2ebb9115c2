import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['agenda_slot', 'agenda_template_slot'];

/**
 * What real agendas write on a line (issue 16, item 7): several performers ("Sở Nội vụ; Sở Tài
 * chính"), ordered sub-items, and a place. Performers and sub-items are short ordered lists read and
 * written with their slot, so jsonb arrays (the service checks the units and people they name);
 * the single performer of before moves into the list and its three columns go. A reception may be
 * placed up to two hours before the session starts, so a template's reception may have a negative
 * offset.
 */
export class AgendaPlanFacts1765100700000 implements MigrationInterface {
  name = 'AgendaPlanFacts1765100700000';

  public async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN performers jsonb NOT NULL DEFAULT '[]',
          ADD COLUMN sub_items jsonb NOT NULL DEFAULT '[]',
          ADD COLUMN place text`);
      await q.query(`
        UPDATE ${table}
           SET performers = jsonb_build_array(jsonb_build_object(
                 'unitId', performer_unit_id, 'personId', performer_person_id, 'text', performer_text))
         WHERE performer_unit_id IS NOT NULL OR performer_person_id IS NOT NULL OR performer_text IS NOT NULL`);
      await q.query(
        `ALTER TABLE ${table} DROP COLUMN performer_unit_id, DROP COLUMN performer_person_id, DROP COLUMN performer_text`,
      );
    }
    await q.query(`
      ALTER TABLE agenda_template_slot
        DROP CONSTRAINT ck_agenda_template_slot_offset,
        ADD CONSTRAINT ck_agenda_template_slot_offset
          CHECK (offset_minutes >= 0 OR (kind = 'reception' AND offset_minutes >= -120))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM agenda_template_slot WHERE offset_minutes < 0`);
    await q.query(`
      ALTER TABLE agenda_template_slot
        DROP CONSTRAINT ck_agenda_template_slot_offset,
        ADD CONSTRAINT ck_agenda_template_slot_offset CHECK (offset_minutes >= 0)`);
    for (const table of TABLES) {
      const fk = table === 'agenda_slot' ? 'fk_agenda_slot' : 'fk_agenda_template_slot';
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN performer_unit_id uuid CONSTRAINT ${fk}_unit REFERENCES unit(id),
          ADD COLUMN performer_person_id uuid CONSTRAINT ${fk}_person REFERENCES person(id),
          ADD COLUMN performer_text text`);
      // Only the first performer fits the old columns.
      await q.query(`
        UPDATE ${table}
           SET performer_unit_id = (performers->0->>'unitId')::uuid,
               performer_person_id = (performers->0->>'personId')::uuid,
               performer_text = performers->0->>'text'
         WHERE jsonb_array_length(performers) > 0`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN performers, DROP COLUMN sub_items, DROP COLUMN place`);
    }
  }
}
