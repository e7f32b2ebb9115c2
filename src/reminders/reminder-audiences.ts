import { STILL_EXPECTED_INVITEES_SQL } from '../invitations/invitation-audience';

/**
 * Who receives the reminders of a conference, as one SQL statement, so that a fan-out to two
 * million invitees is an INSERT … SELECT and never a JS object per person. The statement takes
 * `$1` (the conference id) and `$2` (a uuid[] of recipient keys, or null for all) and answers one
 * row per recipient with the columns:
 *
 * | column | type | meaning |
 * | --- | --- | --- |
 * | `recipient_key` | uuid | stable and unique within the conference (an invitation or person id) |
 * | `email` | text | lower-case address (rows without one are left out) |
 * | `name` | text | how to greet them |
 * | `language` | text | `vi` or `en` |
 * | `site_label` | text or null | their bridge point (or cluster) |
 *
 * Filter `$2` in the WHERE clause on an indexed column (`AND ($2::uuid[] IS NULL OR i.id = ANY($2))`):
 * the renderer re-reads the rows of a batch at sending time that way, so a person who declined in
 * the meantime gets nothing. The fan-out pages through the audience by `recipient_key`.
 */
export interface ReminderAudience {
  readonly name: string;
  readonly sql: string;
}

export const AUDIENCE_COLUMNS = ['recipient_key', 'email', 'name', 'language', 'site_label'] as const;

/** The bridge-point coordinators of a conference: each once, with the points they coordinate as their site. */
export const COORDINATOR_AUDIENCE: ReminderAudience = {
  name: 'bridge-point coordinators',
  sql: `SELECT p.id AS recipient_key, p.email, p.full_name AS name, p.language,
               string_agg(bp.name, '; ' ORDER BY bp.depth, bp.name) AS site_label
        FROM bridge_point bp JOIN person p ON p.id = bp.coordinator_person_id
        WHERE bp.conference_id = $1 AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[])) AND p.active AND p.email IS NOT NULL
        GROUP BY p.id`,
};

/**
 * Everyone the invitations module still expects (its one definition, STILL_EXPECTED_INVITEES_SQL)
 * and the coordinators of the conference's points, who run the sites: one row per person, keyed by
 * person id (the index on invitation (conference_id, person_id) serves both the paging and the
 * renderer's re-read), with the invitation's site when both apply.
 */
export const INVITEES_AND_COORDINATORS: ReminderAudience = {
  name: 'invitees and bridge-point coordinators',
  sql: `SELECT DISTINCT ON (x.recipient_key) x.recipient_key, x.email, x.name, x.language, x.site_label
        FROM (
          SELECT e.recipient_key, e.email, e.name, e.language, e.site_label, 1 AS rank
          FROM (${STILL_EXPECTED_INVITEES_SQL}) e
          UNION ALL
          SELECT c.recipient_key, c.email, c.name, c.language, c.site_label, 2 FROM (${COORDINATOR_AUDIENCE.sql}) c
        ) x
        ORDER BY x.recipient_key, x.rank`,
};
