import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import { escapeLike, searchPatterns } from '../common/sql-params';
import { DELIVERED, LATEST_REQUEST_JOIN, LATEST_REQUEST_STATE, UNDELIVERABLE_STATES } from './invitation-delivery';
import type { InvitationRow } from './invitations.dto';
import type { SiteScope } from './invitation-scope';
import { positionTitle } from './invitation-position';

export interface ViewFilter {
  siteIds?: string[];
  invitationId?: string;
  answer?: string;
  sent?: boolean;
  withdrawn?: boolean;
  /** Words of the name (each must appear, accents optional) or part of the e-mail. */
  q?: string;
  /** The state of the latest letter; undeliverable is failed or skipped. */
  mail?: string;
  limit?: number;
  offset?: number;
}

/**
 * An answer (accepted, declined, tentative) given for an earlier version of the event than the one
 * last sent: the update asked again. A substitute's "delegated" stays whatever changes.
 */
export const ANSWERED_EARLIER = `(i.answer IN ('accepted', 'declined', 'tentative') AND i.answer_sequence < i.sent_sequence)`;

/** The columns of InvitationRow, joined with the person, the site and the substitute links. */
const SELECT = `
  SELECT i.id, i.conference_id AS "conferenceId",
         CASE WHEN i.cluster_id IS NULL THEN 'bridge_point' ELSE 'cluster' END AS "siteKind",
         coalesce(i.bridge_point_id, i.cluster_id) AS "siteId",
         coalesce(bp.name, k.name, 'Cụm ' || k.number) AS "siteName",
         p.id AS "personId", p.full_name AS "fullName", p.email,
         coalesce(i.position_title, ${positionTitle('i')}) AS position,
         i.rule_id AS "ruleId", i.source, i.substitute_for_id AS "substituteForId", sp.full_name AS "substituteForName",
         sub.id AS "substitutedById", sub.full_name AS "substitutedByName",
         i.added_by_kind AS "addedByKind", i.added_by_id AS "addedById", i.added_by_label AS "addedByLabel",
         i.answer, i.answered_at AS "answeredAt", i.answer_note AS "answerNote",
         i.answer_sequence AS "answerSequence", i.withdrawn_at AS "withdrawnAt", i.sent_sequence AS "sentSequence",
         i.first_sent_at AS "firstSentAt", i.last_sent_at AS "lastSentAt", i.created_at AS "createdAt", c.time_zone AS "timeZone",
         ${DELIVERED} AS delivered, d.status AS "deliveryStatus", d.reason AS "deliveryReason", d.id AS "deliveryMessageId"
    FROM invitation i
    JOIN person p ON p.id = i.person_id
    JOIN conference c ON c.id = i.conference_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
    LEFT JOIN cluster k ON k.id = i.cluster_id
    LEFT JOIN invitation o ON o.id = i.substitute_for_id
    LEFT JOIN person sp ON sp.id = o.person_id
    LEFT JOIN LATERAL (SELECT s.id, subp.full_name FROM invitation s JOIN person subp ON subp.id = s.person_id
                        WHERE s.substitute_for_id = i.id ORDER BY s.created_at LIMIT 1) sub ON true
    ${LATEST_REQUEST_JOIN}`;

function where(conferenceId: string, scope: SiteScope, filter: ViewFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [conferenceId];
  const parts = ['i.conference_id = $1'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const add = (sql: (p: string) => string, value: unknown) => parts.push(sql(param(value)));
  if (scope.kind === 'coordinator')
    add((p) => `coalesce(i.bridge_point_id, i.cluster_id) = ANY(${p}::uuid[])`, scope.siteIds);
  if (filter.siteIds) add((p) => `coalesce(i.bridge_point_id, i.cluster_id) = ANY(${p}::uuid[])`, filter.siteIds);
  if (filter.invitationId) add((p) => `i.id = ${p}`, filter.invitationId);
  if (filter.answer === 'none') parts.push('i.answer IS NULL');
  else if (filter.answer) add((p) => `i.answer = ${p}`, filter.answer);
  // Sent means accepted by the relay, not merely queued.
  if (filter.sent !== undefined) parts.push(filter.sent ? DELIVERED : `NOT ${DELIVERED}`);
  if (!filter.withdrawn && !filter.invitationId) parts.push('i.withdrawn_at IS NULL');
  if (filter.q?.trim()) parts.push(personSearch(filter.q, param));
  if (filter.mail === 'none') parts.push(`${LATEST_REQUEST_STATE} IS NULL`);
  else if (filter.mail)
    add(
      (p) => `${LATEST_REQUEST_STATE} = ANY(${p}::text[])`,
      filter.mail === 'undeliverable' ? UNDELIVERABLE_STATES : [filter.mail],
    );
  return { sql: parts.join(' AND '), params };
}

/** A subquery on the person, so the count (which joins nothing) filters the same: one key look-up per invitation of the conference. */
function personSearch(q: string, param: (value: unknown) => string): string {
  const byName = searchPatterns(q).map((pattern) => `q.search_key ILIKE ${param(pattern)}`);
  const byEmail = `q.email ILIKE ${param(`%${escapeLike(q.trim())}%`)}`;
  const name = byName.length > 0 ? byName.join(' AND ') : 'FALSE';
  return `EXISTS (SELECT 1 FROM person q WHERE q.id = i.person_id AND ((${name}) OR ${byEmail}))`;
}

export async function invitationRows(
  manager: EntityManager,
  conferenceId: string,
  scope: SiteScope,
  filter: ViewFilter = {},
): Promise<[InvitationRow[], number]> {
  const { sql, params } = where(conferenceId, scope, filter);
  const [{ total }] = await queryRows<{ total: number }>(
    manager,
    `SELECT count(*)::int AS total FROM invitation i WHERE ${sql}`,
    params,
  );
  const paging =
    filter.limit !== undefined ? ` LIMIT ${Number(filter.limit)} OFFSET ${Number(filter.offset ?? 0)}` : '';
  const rows = await queryRows<InvitationRow>(
    manager,
    `${SELECT} WHERE ${sql} ORDER BY bp.depth NULLS LAST, "siteName", p.full_name, i.id${paging}`,
    params,
  );
  return [rows, total];
}

export async function invitationRow(
  manager: EntityManager,
  conferenceId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  const [rows] = await invitationRows(manager, conferenceId, { kind: 'organizer' }, { invitationId });
  return rows[0];
}
