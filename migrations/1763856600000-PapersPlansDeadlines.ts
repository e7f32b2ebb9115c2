import { MigrationInterface, QueryRunner } from 'typeorm';

const DUE_KINDS = [
  'on_date',
  'before_date',
  'at_time',
  'date_range',
  'month',
  'months',
  'quarter',
  'half_year',
  'year',
  'ongoing',
  'recurring',
  'relative_to_event',
  'after_event',
  'per_reference',
];
const DUE_PRECISIONS = ['minute', 'day', 'month', 'quarter', 'half_year', 'year', 'none'];
const PRESENTATION_STATUSES = ['pending', 'submitted', 'returned', 'resubmitted', 'accepted'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Presentations (assignments, submitted versions, status history), task plans (plans, members,
 * numbered tasks, their units and progress reports), and dues: one row per due of a presentation
 * or task, with the structured model (jsonb), the instant it resolves to and its history. Also the
 * foreign keys from agenda slots to presentations that the scheduling migration left out.
 */
export class PapersPlansDeadlines1763856600000 implements MigrationInterface {
  name = 'PapersPlansDeadlines1763856600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text CONSTRAINT ck_plan_reference CHECK (length(reference) <= 100),
        title text NOT NULL CONSTRAINT ck_plan_title CHECK (length(btrim(title)) > 0),
        year int NOT NULL CONSTRAINT ck_plan_year CHECK (year BETWEEN 1900 AND 2199),
        issuing_unit_id uuid CONSTRAINT fk_plan_issuing_unit REFERENCES unit(id),
        issued_on date,
        time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
        conference_id uuid CONSTRAINT fk_plan_conference REFERENCES conference(id) ON DELETE SET NULL,
        note text,
        created_by uuid CONSTRAINT fk_plan_created_by REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_plan_conference ON plan (conference_id) WHERE conference_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE plan_member (
        plan_id uuid NOT NULL CONSTRAINT fk_plan_member_plan REFERENCES plan(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_plan_member_user REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT ck_plan_member_role CHECK (role IN ('owner', 'organizer', 'observer')),
        added_at timestamptz NOT NULL DEFAULT now(),
        added_by uuid,
        CONSTRAINT pk_plan_member PRIMARY KEY (plan_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_plan_member_user ON plan_member (user_id)`);

    // Numbers as plans write them: 1, 4.1, 2.a, 2.đ; the parent is the number without its last part.
    await q.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL CONSTRAINT fk_task_plan REFERENCES plan(id) ON DELETE CASCADE,
        number text NOT NULL CONSTRAINT ck_task_number CHECK (number ~ '^([0-9]{1,3}|[a-zđ]{1,2})(\\.([0-9]{1,3}|[a-zđ]{1,2})){0,5}$'),
        parent_id uuid,
        sort_key text COLLATE "C" NOT NULL,
        content text NOT NULL CONSTRAINT ck_task_content CHECK (length(btrim(content)) > 0),
        lead_text text,
        coordinating_text text,
        deliverable text,
        notes text,
        status text NOT NULL DEFAULT 'not_started' CONSTRAINT ck_task_status CHECK (status IN ('not_started', 'in_progress', 'done')),
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_task_number UNIQUE (plan_id, number),
        CONSTRAINT uq_task_plan_id UNIQUE (plan_id, id),
        CONSTRAINT fk_task_parent FOREIGN KEY (plan_id, parent_id) REFERENCES task (plan_id, id),
        CONSTRAINT ck_task_completed CHECK ((status = 'done') = (completed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_task_plan_sort ON task (plan_id, sort_key)`);
    await q.query(`CREATE INDEX ix_task_parent ON task (parent_id) WHERE parent_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE task_unit (
        task_id uuid NOT NULL CONSTRAINT fk_task_unit_task REFERENCES task(id) ON DELETE CASCADE,
        unit_id uuid NOT NULL CONSTRAINT fk_task_unit_unit REFERENCES unit(id),
        role text NOT NULL CONSTRAINT ck_task_unit_role CHECK (role IN ('lead', 'coordinating')),
        position int NOT NULL,
        CONSTRAINT pk_task_unit PRIMARY KEY (task_id, unit_id)
      )`);
    await q.query(`CREATE INDEX ix_task_unit_unit ON task_unit (unit_id)`);

    await q.query(`
      CREATE TABLE presentation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL CONSTRAINT fk_presentation_conference REFERENCES conference(id) ON DELETE CASCADE,
        cluster_id uuid,
        unit_id uuid NOT NULL CONSTRAINT fk_presentation_unit REFERENCES unit(id),
        person_id uuid CONSTRAINT fk_presentation_person REFERENCES person(id),
        topic text NOT NULL CONSTRAINT ck_presentation_topic CHECK (length(btrim(topic)) > 0),
        min_pages int CONSTRAINT ck_presentation_min_pages CHECK (min_pages BETWEEN 1 AND 1000),
        max_pages int CONSTRAINT ck_presentation_max_pages CHECK (max_pages BETWEEN 1 AND 1000),
        talk_minutes int CONSTRAINT ck_presentation_talk_minutes CHECK (talk_minutes BETWEEN 1 AND 600),
        receiving_unit_id uuid CONSTRAINT fk_presentation_receiving_unit REFERENCES unit(id),
        note text,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT ck_presentation_status CHECK (status IN (${list(PRESENTATION_STATUSES)})),
        closed_at timestamptz,
        closed_reason text,
        created_by uuid CONSTRAINT fk_presentation_created_by REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_presentation_conference_id UNIQUE (conference_id, id),
        CONSTRAINT fk_presentation_cluster FOREIGN KEY (conference_id, cluster_id) REFERENCES cluster (conference_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_presentation_pages CHECK (min_pages IS NULL OR max_pages IS NULL OR min_pages <= max_pages)
      )`);
    await q.query(`CREATE INDEX ix_presentation_conference ON presentation (conference_id, cluster_id)`);
    await q.query(`CREATE INDEX ix_presentation_unit ON presentation (unit_id)`);
    await q.query(`CREATE INDEX ix_presentation_person ON presentation (person_id) WHERE person_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE presentation_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        presentation_id uuid NOT NULL CONSTRAINT fk_submission_presentation REFERENCES presentation(id) ON DELETE CASCADE,
        version int NOT NULL CONSTRAINT ck_submission_version CHECK (version > 0),
        storage_key text NOT NULL CONSTRAINT uq_submission_storage_key UNIQUE,
        file_name text NOT NULL,
        format text NOT NULL CONSTRAINT ck_submission_format CHECK (format IN ('pdf', 'docx', 'odt', 'doc')),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CONSTRAINT ck_submission_size CHECK (size_bytes > 0),
        sha256 text NOT NULL CONSTRAINT ck_submission_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        page_count int CONSTRAINT ck_submission_page_count CHECK (page_count > 0),
        warnings jsonb NOT NULL DEFAULT '[]',
        uploaded_at timestamptz NOT NULL,
        due_at timestamptz,
        late boolean,
        uploaded_by_kind text NOT NULL,
        uploaded_by_id uuid,
        uploaded_by_label text NOT NULL,
        CONSTRAINT uq_submission_version UNIQUE (presentation_id, version),
        CONSTRAINT ck_submission_late CHECK ((due_at IS NULL) = (late IS NULL))
      )`);

    await q.query(`
      CREATE TABLE presentation_status_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        presentation_id uuid NOT NULL CONSTRAINT fk_status_change_presentation REFERENCES presentation(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        action text NOT NULL CONSTRAINT ck_status_change_action CHECK (action IN ('create', 'upload', 'accept', 'return', 'close', 'reopen')),
        from_status text,
        to_status text NOT NULL,
        comment text,
        submission_id uuid CONSTRAINT fk_status_change_submission REFERENCES presentation_submission(id) ON DELETE SET NULL,
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_status_change_presentation ON presentation_status_change (presentation_id, id)`);

    await q.query(`
      CREATE TABLE due_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        presentation_id uuid CONSTRAINT fk_due_entry_presentation REFERENCES presentation(id) ON DELETE CASCADE,
        task_id uuid CONSTRAINT fk_due_entry_task REFERENCES task(id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        due jsonb NOT NULL,
        kind text NOT NULL CONSTRAINT ck_due_entry_kind CHECK (kind IN (${list(DUE_KINDS)})),
        precision text NOT NULL CONSTRAINT ck_due_entry_precision CHECK (precision IN (${list(DUE_PRECISIONS)})),
        resolves_at timestamptz,
        met_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_due_entry_owner CHECK ((presentation_id IS NULL) <> (task_id IS NULL)),
        CONSTRAINT ck_due_entry_model CHECK (due->>'kind' = kind)
      )`);
    // A presentation has one due; a task has a list of them, in the order the plan wrote them.
    await q.query(
      `CREATE UNIQUE INDEX uq_due_entry_presentation ON due_entry (presentation_id) WHERE presentation_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_due_entry_task_position ON due_entry (task_id, position) WHERE task_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_due_entry_resolves_at ON due_entry (resolves_at)`);
    await q.query(
      `CREATE INDEX ix_due_entry_kind ON due_entry (kind) WHERE kind IN ('relative_to_event', 'recurring')`,
    );
    // For readers outside this module (reminders): what the columns promise.
    await q.query(
      `COMMENT ON TABLE due_entry IS 'One due of a presentation (exactly one) or a task (a list, by position). Written only by DueStore; every change is in due_change.'`,
    );
    await q.query(
      `COMMENT ON COLUMN due_entry.due IS 'The structured due (src/plans/due model); due->>''resolvesAt'' equals resolves_at.'`,
    );
    await q.query(
      `COMMENT ON COLUMN due_entry.resolves_at IS 'The first instant at which the due is missed (on time while t < resolves_at); NULL while unresolved (relative due without a conference date, event-bound, per reference) and for recurring dues (occurrences() lists their instants). Re-resolved in the transaction that schedules, moves or postpones the conference.'`,
    );
    await q.query(
      `COMMENT ON COLUMN due_entry.met_at IS 'A one-off task due reported met (progress report with dueMet); a paper is met by its presentation status instead.'`,
    );

    await q.query(`
      CREATE TABLE due_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        due_id uuid NOT NULL CONSTRAINT fk_due_change_due REFERENCES due_entry(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        cause text NOT NULL CONSTRAINT ck_due_change_cause CHECK (cause IN ('created', 'edited', 'conference_scheduled', 'conference_postponed', 'cluster_scheduled', 'plan_conference_changed')),
        from_due jsonb,
        to_due jsonb NOT NULL,
        from_resolves_at timestamptz,
        to_resolves_at timestamptz,
        reason text,
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_due_change_due ON due_change (due_id, id)`);

    await q.query(`
      CREATE TABLE task_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL CONSTRAINT fk_task_progress_task REFERENCES task(id) ON DELETE CASCADE,
        reported_at timestamptz NOT NULL,
        reported_on date NOT NULL,
        text text NOT NULL CONSTRAINT ck_task_progress_text CHECK (length(btrim(text)) > 0),
        percent int CONSTRAINT ck_task_progress_percent CHECK (percent BETWEEN 0 AND 100),
        status text CONSTRAINT ck_task_progress_status CHECK (status IN ('not_started', 'in_progress', 'done')),
        due_id uuid CONSTRAINT fk_task_progress_due REFERENCES due_entry(id) ON DELETE SET NULL,
        due_met boolean NOT NULL DEFAULT false,
        actor_kind text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_task_progress_task ON task_progress (task_id, reported_at)`);
    await q.query(`CREATE INDEX ix_task_progress_due ON task_progress (due_id, reported_at) WHERE due_id IS NOT NULL`);

    // Agenda slots point at presentations of their own conference. Ids written before this table
    // existed point at nothing and are cleared.
    for (const table of ['agenda_slot', 'agenda_template_slot']) {
      await q.query(`UPDATE ${table} SET presentation_id = NULL WHERE presentation_id IS NOT NULL`);
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT fk_${table}_presentation FOREIGN KEY (conference_id, presentation_id) REFERENCES presentation (conference_id, id)`,
      );
      await q.query(
        `CREATE INDEX ix_${table}_presentation ON ${table} (presentation_id) WHERE presentation_id IS NOT NULL`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['agenda_template_slot', 'agenda_slot']) {
      await q.query(`DROP INDEX ix_${table}_presentation`);
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT fk_${table}_presentation`);
    }
    await q.query(`DROP TABLE task_progress`);
    await q.query(`DROP TABLE due_change`);
    await q.query(`DROP TABLE due_entry`);
    await q.query(`DROP TABLE presentation_status_change`);
    await q.query(`DROP TABLE presentation_submission`);
    await q.query(`DROP TABLE presentation`);
    await q.query(`DROP TABLE task_unit`);
    await q.query(`DROP TABLE task`);
    await q.query(`DROP TABLE plan_member`);
    await q.query(`DROP TABLE plan`);
  }
}
