import { MigrationInterface, QueryRunner } from 'typeorm';

const ANSWERS = ['accepted', 'declined', 'tentative', 'delegated'];
const SOURCES = ['composition', 'manual', 'substitute', 'coordinator'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Invitations: one per person and conference, for one site (a bridge point or a cluster), with
 * the answer and what was last sent (the calendar SEQUENCE), plus the letter's own fields per
 * conference. Withdrawn invitations stay (their CANCEL is rendered from them; old answer links
 * show them as withdrawn). bridge_point_id has no foreign key on purpose: a removed point's
 * invitations are withdrawn (and their CANCEL sent) after the point is gone.
 */
export class Invitations1763857200000 implements MigrationInterface {
  name = 'Invitations1763857200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL,
        bridge_point_id uuid,
        cluster_id uuid,
        person_id uuid NOT NULL,
        rule_id uuid,
        position_title text,
        source text NOT NULL,
        substitute_for_id uuid,
        added_by_kind text NOT NULL,
        added_by_id uuid,
        added_by_label text NOT NULL,
        answer text,
        answered_at timestamptz,
        answer_note text,
        withdrawn_at timestamptz,
        sent_sequence int,
        first_sent_at timestamptz,
        last_sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_invitation_conference FOREIGN KEY (conference_id) REFERENCES conference (id) ON DELETE CASCADE,
        CONSTRAINT fk_invitation_cluster FOREIGN KEY (cluster_id) REFERENCES cluster (id),
        CONSTRAINT fk_invitation_person FOREIGN KEY (person_id) REFERENCES person (id),
        CONSTRAINT fk_invitation_substitute_for FOREIGN KEY (substitute_for_id) REFERENCES invitation (id),
        CONSTRAINT ck_invitation_site CHECK (num_nonnulls(bridge_point_id, cluster_id) = 1),
        CONSTRAINT ck_invitation_answer CHECK (answer IS NULL OR answer IN (${list(ANSWERS)})),
        CONSTRAINT ck_invitation_source CHECK (source IN (${list(SOURCES)})),
        CONSTRAINT ck_invitation_sequence CHECK (sent_sequence IS NULL OR sent_sequence >= 0)
      )`);
    // A person is invited once per conference (withdrawn invitations do not count).
    await q.query(
      `CREATE UNIQUE INDEX uq_invitation_person ON invitation (conference_id, person_id) WHERE withdrawn_at IS NULL`,
    );
    // Withdrawn invitations are few: looked up when someone is invited again (their next SEQUENCE).
    await q.query(
      `CREATE INDEX ix_invitation_withdrawn ON invitation (conference_id, person_id) WHERE withdrawn_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_invitation_bridge_point ON invitation (bridge_point_id) WHERE bridge_point_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_invitation_cluster ON invitation (cluster_id) WHERE cluster_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX ix_invitation_substitute_for ON invitation (substitute_for_id) WHERE substitute_for_id IS NOT NULL`,
    );

    // What the letter (Giấy mời) says besides the conference itself.
    await q.query(`
      CREATE TABLE invitation_letter (
        conference_id uuid PRIMARY KEY,
        issuing_unit_id uuid,
        reference text,
        composition text,
        contact_name text,
        contact_phone text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_invitation_letter_conference FOREIGN KEY (conference_id) REFERENCES conference (id) ON DELETE CASCADE,
        CONSTRAINT fk_invitation_letter_unit FOREIGN KEY (issuing_unit_id) REFERENCES unit (id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitation_letter`);
    await q.query(`DROP TABLE invitation`);
  }
}
