import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { CHECK_MESSAGES, label } from './check.messages';

/** Past this many people invited elsewhere at the same time, one summary check replaces the individual ones. */
export const MANY_PEOPLE = 20;

/**
 * The events (the conference, each scheduled cluster) of conferences that still stand, with their
 * times; `where` picks the conferences.
 */
const EVENTS = (where: string) => `
  SELECT c.id AS conference_id, NULL::uuid AS cluster_id, NULL::int AS number, c.starts_at, c.ends_at
    FROM conference c WHERE ${where} AND c.status IN ('scheduled', 'held') AND c.starts_at IS NOT NULL
  UNION ALL
  SELECT c.id, k.id, k.number, k.starts_at, k.ends_at
    FROM conference c JOIN cluster k ON k.conference_id = c.id AND k.status = 'scheduled'
   WHERE ${where} AND c.status IN ('scheduled', 'held')`;

/** An invitation that keeps its person busy: not withdrawn, not declined, not delegated to someone else. */
const ACTIVE = (i: string) =>
  `${i}.withdrawn_at IS NULL AND (${i}.answer IS NULL OR ${i}.answer NOT IN ('declined', 'delegated'))`;

interface Row {
  invitation_id: string;
  person_id: string;
  full_name: string;
  cluster_number: number | null;
  other_id: string;
  total: number;
}

/**
 * One person invited to this conference (or one of its clusters) and, at an overlapping time, to
 * another conference. A person is invited once per conference (uq_invitation_person), so the
 * clash is always across conferences. The overlapping pairs of events are found first (a handful);
 * the people invited both here and to a conference of a pair are one hashed INTERSECT of two reads
 * by conference_id (uq_invitation_person), so invitations of conferences at other times are never
 * read and the work grows with the invitations, not with their product; only those people are
 * then matched event by event, through the same index.
 */
export async function personBookingChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: Row[] = await manager.query(
    `WITH mine AS MATERIALIZED (${EVENTS('c.id = $1')}),
     theirs AS MATERIALIZED (${EVENTS('c.id <> $1')}),
     pairs AS MATERIALIZED (
       SELECT m.cluster_id AS mine_cluster, m.number, o.conference_id, o.cluster_id AS other_cluster, o.starts_at
         FROM mine m JOIN theirs o ON o.starts_at < m.ends_at AND m.starts_at < o.ends_at),
     people AS MATERIALIZED (
       SELECT i.person_id FROM invitation i WHERE i.conference_id = $1 AND ${ACTIVE('i')}
       INTERSECT
       SELECT o.person_id FROM invitation o WHERE o.conference_id IN (SELECT conference_id FROM pairs) AND ${ACTIVE('o')}),
     clash AS (
       SELECT DISTINCT ON (i.person_id) i.id AS invitation_id, i.person_id, p.number AS cluster_number, p.conference_id AS other_id
         FROM people
         JOIN invitation i ON i.conference_id = $1 AND i.person_id = people.person_id AND ${ACTIVE('i')}
         JOIN pairs p ON p.mine_cluster IS NOT DISTINCT FROM i.cluster_id
         JOIN invitation o ON o.conference_id = p.conference_id AND o.person_id = people.person_id
                          AND o.cluster_id IS NOT DISTINCT FROM p.other_cluster AND ${ACTIVE('o')}
        ORDER BY i.person_id, p.starts_at)
     SELECT x.*, pe.full_name, count(*) OVER ()::int AS total
       FROM clash x JOIN person pe ON pe.id = x.person_id
      ORDER BY pe.full_name, x.person_id LIMIT ${MANY_PEOPLE + 1}`,
    [conferenceId],
  );
  if (rows.length > MANY_PEOPLE)
    return [
      {
        code: 'PERSON_DOUBLE_BOOKED',
        severity: 'warning',
        message: CHECK_MESSAGES.PEOPLE_DOUBLE_BOOKED(rows[0].total),
        target: { type: 'conference', id: conferenceId },
      },
    ];
  // The other meeting is not named: it may belong to a conference the reader cannot see.
  return rows.map((r) => ({
    code: 'PERSON_DOUBLE_BOOKED',
    severity: 'warning',
    message: CHECK_MESSAGES.PERSON_DOUBLE_BOOKED(
      r.full_name,
      r.cluster_number === null ? label.conference : label.cluster(r.cluster_number),
    ),
    target: { type: 'invitation', id: r.invitation_id },
    related: [{ type: 'person', id: r.person_id }],
  }));
}
