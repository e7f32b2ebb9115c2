import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendee composition rules (thành phần tham dự): who is invited to a conference, to one of its
 * bridge points or to one of its clusters, by unit kind / list / tree and role, or delegated to a
 * unit that invites its own people. A rule goes with its site (ON DELETE CASCADE).
 */
export class Composition1763857100000 implements MigrationInterface {
  name = 'Composition1763857100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE composition_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_composition_rule_conference REFERENCES conference(id) ON DELETE CASCADE,
        site_kind text NOT NULL CONSTRAINT ck_composition_rule_site_kind CHECK (site_kind IN ('conference', 'bridge_point', 'cluster')),
        bridge_point_id uuid CONSTRAINT fk_composition_rule_bridge_point REFERENCES bridge_point(id) ON DELETE CASCADE,
        cluster_id uuid CONSTRAINT fk_composition_rule_cluster REFERENCES cluster(id) ON DELETE CASCADE,
        position int NOT NULL CONSTRAINT ck_composition_rule_position CHECK (position >= 1),
        label text NOT NULL CONSTRAINT ck_composition_rule_label CHECK (length(label) BETWEEN 1 AND 500),
        unit_kinds text[],
        unit_ids uuid[],
        children_of_unit_id uuid CONSTRAINT fk_composition_rule_children_of REFERENCES unit(id),
        within_unit_id uuid CONSTRAINT fk_composition_rule_within REFERENCES unit(id),
        roles text[],
        max_per_unit int CONSTRAINT ck_composition_rule_max_per_unit CHECK (max_per_unit >= 1),
        delegate_mode text CONSTRAINT ck_composition_rule_delegate_mode CHECK (delegate_mode IN ('unit', 'site_host', 'site_units')),
        delegate_unit_id uuid CONSTRAINT fk_composition_rule_delegate_unit REFERENCES unit(id),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_composition_rule_site CHECK (
          (site_kind = 'conference' AND bridge_point_id IS NULL AND cluster_id IS NULL)
          OR (site_kind = 'bridge_point' AND bridge_point_id IS NOT NULL AND cluster_id IS NULL)
          OR (site_kind = 'cluster' AND cluster_id IS NOT NULL AND bridge_point_id IS NULL)),
        CONSTRAINT ck_composition_rule_delegate CHECK ((delegate_mode IS NOT DISTINCT FROM 'unit') = (delegate_unit_id IS NOT NULL)),
        -- A resolved rule needs a unit selector; an explicit list stands alone, and one tree scope at most.
        CONSTRAINT ck_composition_rule_selector CHECK (
          delegate_mode IS NOT NULL
          OR unit_kinds IS NOT NULL OR unit_ids IS NOT NULL OR children_of_unit_id IS NOT NULL OR within_unit_id IS NOT NULL),
        CONSTRAINT ck_composition_rule_unit_ids CHECK (
          unit_ids IS NULL OR (unit_kinds IS NULL AND children_of_unit_id IS NULL AND within_unit_id IS NULL)),
        CONSTRAINT ck_composition_rule_scope CHECK (children_of_unit_id IS NULL OR within_unit_id IS NULL)
      )`);
    await q.query(
      `CREATE INDEX ix_composition_rule_site ON composition_rule (conference_id, site_kind, bridge_point_id, cluster_id, position)`,
    );
    await q.query(
      `CREATE INDEX ix_composition_rule_bridge_point ON composition_rule (bridge_point_id) WHERE bridge_point_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_composition_rule_cluster ON composition_rule (cluster_id) WHERE cluster_id IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE composition_rule`);
  }
}
