import { MigrationInterface, QueryRunner } from 'typeorm';

const SLOT_KINDS = [
  'reception',
  'opening',
  'speech',
  'presentation',
  'discussion',
  'break',
  'training',
  'closing',
  'other',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** Conferences, their members and schedule history, bridge points, roundtable clusters and agendas. */
export class Scheduling1763856200000 implements MigrationInterface {
  name = 'Scheduling1763856200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conference (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CONSTRAINT ck_conference_title CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CONSTRAINT ck_conference_kind CHECK (kind IN ('conference', 'roundtable', 'meeting', 'training', 'other')),
        format text NOT NULL CONSTRAINT ck_conference_format CHECK (format IN ('online', 'in_person', 'hybrid')),
        status text NOT NULL DEFAULT 'draft'
          CONSTRAINT ck_conference_status CHECK (status IN ('draft', 'scheduled', 'postponed', 'held', 'closed', 'cancelled')),
        organizing_unit_id uuid CONSTRAINT fk_conference_organizing_unit REFERENCES unit(id),
        chair_person_id uuid CONSTRAINT fk_conference_chair_person REFERENCES person(id),
        chair_text text,
        purposes text[] NOT NULL DEFAULT '{}',
        content_items text[] NOT NULL DEFAULT '{}',
        funding_source text,
        plan_reference text,
        -- A plan date may be partial ("ngày … tháng 3 năm 2023"): YYYY, YYYY-MM or YYYY-MM-DD.
        plan_issued_on text CONSTRAINT ck_conference_plan_issued_on CHECK (plan_issued_on ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
        plan_issuing_unit_id uuid CONSTRAINT fk_conference_plan_issuing_unit REFERENCES unit(id),
        time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        window_from date,
        window_to date,
        window_note text,
        starts_at timestamptz,
        ends_at timestamptz,
        calendar_uid text NOT NULL CONSTRAINT uq_conference_calendar_uid UNIQUE,
        calendar_sequence int NOT NULL DEFAULT 0,
        created_by uuid CONSTRAINT fk_conference_created_by REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_conference_window CHECK (window_from IS NULL OR window_to IS NULL OR window_to >= window_from),
        CONSTRAINT ck_conference_times CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at > starts_at)),
        CONSTRAINT ck_conference_status_times CHECK (status IN ('draft', 'cancelled') OR starts_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_conference_created ON conference (created_at DESC)`);

    await q.query(`
      CREATE TABLE conference_member (
        conference_id uuid NOT NULL CONSTRAINT fk_conference_member_conference REFERENCES conference(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_conference_member_user REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT ck_conference_member_role CHECK (role IN ('owner', 'organizer', 'observer')),
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by uuid,
        CONSTRAINT pk_conference_member PRIMARY KEY (conference_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_conference_member_user ON conference_member (user_id)`);

    await q.query(`
      CREATE TABLE conference_schedule_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conference_id uuid NOT NULL CONSTRAINT fk_schedule_change_conference REFERENCES conference(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        action text NOT NULL CONSTRAINT ck_schedule_change_action CHECK (action IN ('schedule', 'postpone', 'cancel', 'hold', 'close')),
        from_status text NOT NULL,
        to_status text NOT NULL,
        previous_starts_at timestamptz,
        previous_ends_at timestamptz,
        starts_at timestamptz,
        ends_at timestamptz,
        reason text,
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_schedule_change_conference ON conference_schedule_change (conference_id, id)`);

    await q.query(`
      CREATE TABLE bridge_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_bridge_point_conference REFERENCES conference(id) ON DELETE CASCADE,
        parent_id uuid,
        role text NOT NULL CONSTRAINT ck_bridge_point_role CHECK (role IN ('host', 'remote')),
        depth int NOT NULL CONSTRAINT ck_bridge_point_depth CHECK (depth >= 0),
        name text NOT NULL CONSTRAINT ck_bridge_point_name CHECK (length(btrim(name)) > 0),
        unit_id uuid CONSTRAINT fk_bridge_point_unit REFERENCES unit(id),
        room text,
        address text,
        capacity int CONSTRAINT ck_bridge_point_capacity CHECK (capacity > 0),
        meeting_link text,
        meeting_room_id text,
        coordinator_person_id uuid CONSTRAINT fk_bridge_point_coordinator REFERENCES person(id),
        readiness text NOT NULL DEFAULT 'untested'
          CONSTRAINT ck_bridge_point_readiness CHECK (readiness IN ('untested', 'test_scheduled', 'passed', 'failed')),
        readiness_test_at timestamptz,
        readiness_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_bridge_point_conference_id UNIQUE (conference_id, id),
        CONSTRAINT uq_bridge_point_unit UNIQUE (conference_id, unit_id),
        -- The parent is a point of the same conference.
        CONSTRAINT fk_bridge_point_parent FOREIGN KEY (conference_id, parent_id) REFERENCES bridge_point (conference_id, id),
        CONSTRAINT ck_bridge_point_host_on_top CHECK (role = 'remote' OR parent_id IS NULL),
        CONSTRAINT ck_bridge_point_not_own_parent CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_bridge_point_host ON bridge_point (conference_id) WHERE role = 'host'`);
    await q.query(`CREATE INDEX ix_bridge_point_parent ON bridge_point (parent_id)`);
    await q.query(`CREATE INDEX ix_bridge_point_conference_depth ON bridge_point (conference_id, depth)`);
    await q.query(`CREATE INDEX ix_bridge_point_unit ON bridge_point (unit_id)`);

    await q.query(`
      CREATE TABLE cluster (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_cluster_conference REFERENCES conference(id) ON DELETE CASCADE,
        number int NOT NULL CONSTRAINT ck_cluster_number CHECK (number > 0),
        name text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        host_unit_id uuid CONSTRAINT fk_cluster_host_unit REFERENCES unit(id),
        venue text,
        min_attendees int CONSTRAINT ck_cluster_min_attendees CHECK (min_attendees >= 0),
        max_attendees int CONSTRAINT ck_cluster_max_attendees CHECK (max_attendees > 0),
        status text NOT NULL DEFAULT 'scheduled' CONSTRAINT ck_cluster_status CHECK (status IN ('scheduled', 'cancelled')),
        cancel_reason text,
        scheduled_at timestamptz NOT NULL,
        calendar_uid text NOT NULL CONSTRAINT uq_cluster_calendar_uid UNIQUE,
        calendar_sequence int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_cluster_number UNIQUE (conference_id, number),
        CONSTRAINT uq_cluster_conference_id UNIQUE (conference_id, id),
        CONSTRAINT ck_cluster_times CHECK (ends_at > starts_at),
        CONSTRAINT ck_cluster_attendance CHECK (min_attendees IS NULL OR max_attendees IS NULL OR min_attendees <= max_attendees)
      )`);
    await q.query(`CREATE INDEX ix_cluster_host_unit ON cluster (host_unit_id)`);

    await q.query(`
      CREATE TABLE cluster_unit (
        cluster_id uuid NOT NULL CONSTRAINT fk_cluster_unit_cluster REFERENCES cluster(id) ON DELETE CASCADE,
        unit_id uuid NOT NULL CONSTRAINT fk_cluster_unit_unit REFERENCES unit(id),
        position int NOT NULL,
        CONSTRAINT pk_cluster_unit PRIMARY KEY (cluster_id, unit_id)
      )`);
    await q.query(`CREATE INDEX ix_cluster_unit_unit ON cluster_unit (unit_id)`);

    // presentation_id has no FK yet: the presentations module adds it.
    await q.query(`
      CREATE TABLE agenda_template_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_agenda_template_slot_conference REFERENCES conference(id) ON DELETE CASCADE,
        position int NOT NULL,
        offset_minutes int NOT NULL CONSTRAINT ck_agenda_template_slot_offset CHECK (offset_minutes >= 0),
        duration_minutes int NOT NULL CONSTRAINT ck_agenda_template_slot_duration CHECK (duration_minutes > 0),
        title text NOT NULL CONSTRAINT ck_agenda_template_slot_title CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CONSTRAINT ck_agenda_template_slot_kind CHECK (kind IN (${list(SLOT_KINDS)})),
        performer_unit_id uuid CONSTRAINT fk_agenda_template_slot_unit REFERENCES unit(id),
        performer_person_id uuid CONSTRAINT fk_agenda_template_slot_person REFERENCES person(id),
        performer_text text,
        presentation_id uuid,
        note text,
        CONSTRAINT uq_agenda_template_slot_position UNIQUE (conference_id, position)
      )`);

    await q.query(`
      CREATE TABLE agenda_slot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_agenda_slot_conference REFERENCES conference(id) ON DELETE CASCADE,
        cluster_id uuid,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        title text NOT NULL CONSTRAINT ck_agenda_slot_title CHECK (length(btrim(title)) > 0),
        kind text NOT NULL CONSTRAINT ck_agenda_slot_kind CHECK (kind IN (${list(SLOT_KINDS)})),
        performer_unit_id uuid CONSTRAINT fk_agenda_slot_unit REFERENCES unit(id),
        performer_person_id uuid CONSTRAINT fk_agenda_slot_person REFERENCES person(id),
        performer_text text,
        presentation_id uuid,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_agenda_slot_cluster FOREIGN KEY (conference_id, cluster_id) REFERENCES cluster (conference_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_agenda_slot_times CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX ix_agenda_slot_owner ON agenda_slot (conference_id, cluster_id, starts_at)`);
    await q.query(`CREATE INDEX ix_agenda_slot_cluster ON agenda_slot (cluster_id) WHERE cluster_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agenda_slot`);
    await q.query(`DROP TABLE agenda_template_slot`);
    await q.query(`DROP TABLE cluster_unit`);
    await q.query(`DROP TABLE cluster`);
    await q.query(`DROP TABLE bridge_point`);
    await q.query(`DROP TABLE conference_schedule_change`);
    await q.query(`DROP TABLE conference_member`);
    await q.query(`DROP TABLE conference`);
  }
}
