import { INVITEES_AND_COORDINATORS } from './reminder-audiences';
import { DEFAULT_OFFSETS, OVERDUE_LABEL } from './reminder-offsets';
import type { ReminderKind } from './reminder-plan';

/**
 * Where each kind of reminder reads its time from. `current` answers, for the targets that have
 * a time in the future or had one planned (bounded by indexes: the scheduler never scans history),
 * the time they have now (null when it went away) and the offsets that apply, with
 * `$1` now, `$2` the default offsets, `$3` a conference id or null (all), `$4` a row limit, and only
 * those whose series differs from it — what the tick has to (re)plan.
 */
export interface ReminderSource {
  kind: ReminderKind;
  defaults: readonly string[];
  current: string;
  /** Recipients of one target: `$1` the target id, `$2` recipient keys or null (see ReminderAudience). */
  audience: string;
}

/** Only what differs from the planned series; at most `$4` rows. */
const changedOnly = (kind: ReminderKind, src: string) => `
  WITH src AS (${src})
  SELECT src.target_id, src.conference_id, src.anchor_at, src.time_zone, src.offsets
  FROM src LEFT JOIN reminder_series s ON s.kind = '${kind}' AND s.target_id = src.target_id
  WHERE (s.id IS NULL AND src.anchor_at IS NOT NULL)
     OR (s.id IS NOT NULL AND (s.anchor_at IS DISTINCT FROM src.anchor_at OR s.offsets IS DISTINCT FROM src.offsets))
  ORDER BY src.target_id
  LIMIT $4`;

const plannedAhead = (kind: ReminderKind, since = '$1::timestamptz') =>
  `SELECT target_id FROM reminder_series WHERE kind = '${kind}' AND anchor_at > ${since} AND ($3::uuid IS NULL OR conference_id = $3)`;

const CONFERENCE: ReminderSource = {
  kind: 'conference',
  defaults: DEFAULT_OFFSETS.conference,
  current: changedOnly(
    'conference',
    `
    SELECT c.id AS target_id, c.id AS conference_id, CASE WHEN c.status = 'scheduled' THEN c.starts_at END AS anchor_at,
           c.time_zone, coalesce(rs.conference_offsets, $2::text[]) AS offsets
    FROM conference c LEFT JOIN reminder_settings rs ON rs.conference_id = c.id
    WHERE c.id IN (SELECT id FROM conference WHERE status = 'scheduled' AND starts_at > $1 AND ($3::uuid IS NULL OR id = $3)
                   UNION ${plannedAhead('conference')})`,
  ),
  audience: INVITEES_AND_COORDINATORS.sql,
};

/** A connection test is reminded while it is scheduled and its conference is not cancelled or over. */
const READINESS: ReminderSource = {
  kind: 'readiness',
  defaults: DEFAULT_OFFSETS.readiness,
  current: changedOnly(
    'readiness',
    `
    SELECT bp.id AS target_id, bp.conference_id,
           CASE WHEN bp.readiness = 'test_scheduled' AND c.status IN ('draft', 'scheduled', 'postponed') THEN bp.readiness_test_at END AS anchor_at,
           c.time_zone, coalesce(rs.readiness_offsets, $2::text[]) AS offsets
    FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id LEFT JOIN reminder_settings rs ON rs.conference_id = c.id
    WHERE bp.id IN (SELECT id FROM bridge_point WHERE readiness = 'test_scheduled' AND readiness_test_at > $1 AND ($3::uuid IS NULL OR conference_id = $3)
                    UNION ${plannedAhead('readiness')})`,
  ),
  audience: `
    SELECT p.id AS recipient_key, p.email, p.full_name AS name, p.language, bp.name AS site_label
    FROM bridge_point bp JOIN person p ON p.id = bp.coordinator_person_id
    WHERE bp.id = $1 AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[])) AND p.active AND p.email IS NOT NULL`,
};

/** The responsible unit's contact: people with the role "contact" there, else its chief of office, else its head. */
export const DEADLINE_AUDIENCE_SQL = `
    WITH units AS (
      SELECT pr.unit_id FROM due_entry d JOIN presentation pr ON pr.id = d.presentation_id WHERE d.id = $1
      UNION SELECT tu.unit_id FROM due_entry d JOIN task_unit tu ON tu.task_id = d.task_id AND tu.role = 'lead' WHERE d.id = $1
    ), holders AS (
      SELECT pos.unit_id, per.id AS person_id, CASE pos.role WHEN 'contact' THEN 1 WHEN 'chief_of_office' THEN 2 ELSE 3 END AS rank
      FROM person_position pos JOIN units u ON u.unit_id = pos.unit_id JOIN person per ON per.id = pos.person_id
      WHERE pos.ended_on IS NULL AND pos.role IN ('contact', 'chief_of_office', 'head') AND per.active AND per.email IS NOT NULL
    )
    SELECT DISTINCT ON (per.id) per.id AS recipient_key, per.email, per.full_name AS name, per.language, un.name AS site_label
    FROM holders h JOIN person per ON per.id = h.person_id JOIN unit un ON un.id = h.unit_id
    WHERE h.rank = (SELECT min(x.rank) FROM holders x WHERE x.unit_id = h.unit_id) AND ($2::uuid[] IS NULL OR per.id = ANY($2::uuid[]))
    ORDER BY per.id, h.rank`;

/**
 * One-off dues of papers and tasks, while they are open: a paper not yet sent in (pending or
 * returned), a task not done, a due not reported met. Followed for two days past the due, for the
 * overdue notice.
 */
const DEADLINE: ReminderSource = {
  kind: 'deadline',
  defaults: DEFAULT_OFFSETS.deadline,
  current: changedOnly(
    'deadline',
    `
    SELECT d.id AS target_id, c.id AS conference_id,
           CASE WHEN d.met_at IS NULL AND coalesce(c.status, 'scheduled') <> 'cancelled'
                 AND (pr.id IS NULL OR (pr.status IN ('pending', 'returned') AND pr.closed_at IS NULL))
                 AND (t.id IS NULL OR t.status <> 'done') THEN d.resolves_at END AS anchor_at,
           coalesce(c.time_zone, pl.time_zone) AS time_zone,
           coalesce(rs.deadline_offsets, $2::text[]) || CASE WHEN coalesce(rs.overdue_notice, true) THEN ARRAY['${OVERDUE_LABEL}'] ELSE '{}'::text[] END AS offsets
    FROM due_entry d
    LEFT JOIN presentation pr ON pr.id = d.presentation_id
    LEFT JOIN task t ON t.id = d.task_id
    LEFT JOIN plan pl ON pl.id = t.plan_id
    LEFT JOIN conference c ON c.id = coalesce(pr.conference_id, pl.conference_id)
    LEFT JOIN reminder_settings rs ON rs.conference_id = c.id
    WHERE d.id IN (SELECT id FROM due_entry WHERE resolves_at > $1::timestamptz - interval '2 days'
                   UNION ${plannedAhead('deadline', "$1::timestamptz - interval '2 days'")})
      AND ($3::uuid IS NULL OR c.id = $3)`,
  ),
  audience: DEADLINE_AUDIENCE_SQL,
};

export const REMINDER_SOURCES: Record<ReminderKind, ReminderSource> = {
  conference: CONFERENCE,
  readiness: READINESS,
  deadline: DEADLINE,
};

/** Dedupe keys: one message per series version, offset and recipient. */
export const seriesKeyPrefix = (kind: ReminderKind, targetId: string) => `reminder:${kind}:${targetId}:`;
export const slotKeyPrefix = (kind: ReminderKind, targetId: string, version: number, label: string) =>
  `${seriesKeyPrefix(kind, targetId)}v${version}:${label}:`;
export const outboxKind = (kind: ReminderKind) => `reminder.${kind}`;
