import { MigrationInterface, QueryRunner } from 'typeorm';

const UNIT_KINDS = [
  'central_agency',
  'provincial_committee',
  'committee_office',
  'party_body',
  'council_body',
  'mass_organization',
  'department',
  'vertical_agency',
  'district_committee',
  'division',
  'commune_committee',
  'working_group',
  'press',
  'public_service',
  'other',
];
const PERSON_ROLES = [
  'head',
  'deputy_head',
  'party_secretary',
  'standing_member',
  'chief_of_office',
  'deputy_chief_of_office',
  'division_head',
  'deputy_division_head',
  'member',
  'specialist',
  'contact',
  'reporter',
  'other',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export class Directory1763856100000 implements MigrationInterface {
  name = 'Directory1763856100000';

  public async up(q: QueryRunner): Promise<void> {
    // Trigram indexes serve "contains" searches on the folded names.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT ck_unit_name CHECK (length(btrim(name)) > 0),
        short_name text,
        kind text NOT NULL CONSTRAINT ck_unit_kind CHECK (kind IN (${list(UNIT_KINDS)})),
        parent_id uuid CONSTRAINT fk_unit_parent REFERENCES unit(id) ON DELETE RESTRICT,
        external_code text CONSTRAINT uq_unit_external_code UNIQUE,
        search_key text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_unit_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE INDEX ix_unit_parent ON unit (parent_id)`);
    await q.query(`CREATE INDEX ix_unit_kind ON unit (kind)`);
    await q.query(`CREATE INDEX ix_unit_search ON unit USING gin (search_key gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        full_name text NOT NULL CONSTRAINT ck_person_full_name CHECK (length(btrim(full_name)) > 0),
        email text CONSTRAINT uq_person_email UNIQUE CONSTRAINT ck_person_email_lower CHECK (email = lower(email)),
        phone text,
        language text NOT NULL DEFAULT 'vi' CONSTRAINT ck_person_language CHECK (language IN ('vi', 'en')),
        search_key text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_person_search ON person USING gin (search_key gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE person_position (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL CONSTRAINT fk_position_person REFERENCES person(id) ON DELETE CASCADE,
        unit_id uuid NOT NULL CONSTRAINT fk_position_unit REFERENCES unit(id) ON DELETE RESTRICT,
        role text NOT NULL CONSTRAINT ck_position_role CHECK (role IN (${list(PERSON_ROLES)})),
        title text NOT NULL,
        started_on date,
        ended_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_position_dates CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(`CREATE INDEX ix_position_person ON person_position (person_id)`);
    // Resolving composition rules asks: who currently holds role R in unit U?
    await q.query(
      `CREATE INDEX ix_position_current ON person_position (unit_id, role) INCLUDE (person_id) WHERE ended_on IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_position`);
    await q.query(`DROP TABLE person`);
    await q.query(`DROP TABLE unit`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
