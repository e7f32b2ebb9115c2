import type { EntityManager } from 'typeorm';
import { queryRows } from '../common/sql';
import { escapeLike, searchPatterns } from '../common/sql-params';
import {
  DELIVERED,
  LATEST_REQUEST_JOIN,
  LATEST_REQUEST_STATE,
  REQUESTS_IN_STATUSES,
  statusesOf,
  UNDELIVERABLE_STATES,
} from './invitation-delivery';
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

/** At one of the sites (exactly one of the two columns is set): each column by its own index. */
const atSites = (p: string) => `(i.bridge_point_id = ANY(${p}::uuid[]) OR i.cluster_id = ANY(${p}::uuid[]))`;

function where(conferenceId: string, scope: SiteScope, filter: ViewFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [conferenceId];
  const parts = ['i.conference_id = $1'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const add = (sql: (p: string) => string, value: unknown) => parts.push(sql(param(value)));
  if (scope.kind === 'coordinator') add(atSites, scope.siteIds);
  if (filter.siteIds) add(atSites, filter.siteIds);
  if (filter.invitationId) add((p) => `i.id = ${p}`, filter.invitationId);
  if (filter.answer === 'none') parts.push('i.answer IS NULL');
  else if (filter.answer) add((p) => `i.answer = ${p}`, filter.answer);
  // Sent means accepted by the relay, not merely queued.
  if (filter.sent !== undefined) parts.push(filter.sent ? DELIVERED : `NOT ${DELIVERED}`);
  if (!filter.withdrawn && !filter.invitationId) parts.push('i.withdrawn_at IS NULL');
  if (filter.q?.trim()) parts.push(personSearch(filter.q, param));
  if (filter.mail === 'none') parts.push(`${LATEST_REQUEST_STATE} IS NULL`);
  else if (filter.mail) {
    const states: string[] = filter.mail === 'undeliverable' ? UNDELIVERABLE_STATES : [filter.mail];
    // The conference's REQUESTs in those states first (an index range), then whether each is the latest.
    add((p) => `i.id IN (${REQUESTS_IN_STATUSES(p)})`, statusesOf(states));
    add((p) => `${LATEST_REQUEST_STATE} = ANY(${p}::text[])`, states);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * The people matching, found by the directory's trigram indexes (name key and e-mail), then their
 * invitations by (conference, person): a look-up per match rather than per invitation.
 */
function personSearch(q: string, param: (value: unknown) => string): string {
  const byName = searchPatterns(q).map((pattern) => `q.search_key ILIKE ${param(pattern)}`);
  const byEmail = `q.email ILIKE ${param(`%${escapeLike(q.trim())}%`)}`;
  const name = byName.length > 0 ? byName.join(' AND ') : 'FALSE';
  return `i.person_id IN (SELECT q.id FROM person q WHERE (${name}) OR ${byEmail})`;
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
  if (filter.limit === undefined)
    return [await queryRows<InvitationRow>(manager, `${SELECT} WHERE ${sql} ORDER BY ${ORDER}`, params), total];
  const ids =
    total <= WALK_FROM
      ? await sortedIds(manager, sql, params, filter.limit, filter.offset ?? 0)
      : await pageIds(manager, sql, params, total, filter.limit, filter.offset ?? 0);
  if (ids.length === 0) return [[], total];
  const rows = await queryRows<InvitationRow>(
    manager,
    `${SELECT} WHERE i.id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], i.id)`,
    [ids],
  );
  return [rows, total];
}

/** The board's order: the host first, then by depth, site name, name (and id, for a stable page). */
const ORDER = `bp.depth NULLS LAST, "siteName", p.full_name, i.id`;

/** Up to this many matches, sorting them is cheaper than walking every site of the conference. */
const WALK_FROM = 5000;

/** One page of a few matches: found by the filter's indexes, then sorted. */
async function sortedIds(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  limit: number,
  offset: number,
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    manager,
    `SELECT i.id FROM invitation i JOIN person p ON p.id = i.person_id
       LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id LEFT JOIN cluster k ON k.id = i.cluster_id
      WHERE ${sql} ORDER BY bp.depth NULLS LAST, coalesce(bp.name, k.name, 'Cụm ' || k.number), p.full_name, i.id
      LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    params,
  );
  return rows.map((r) => r.id);
}

/**
 * The ids of one page in the board's order, without sorting the conference: the sites are walked
 * in order (depth, name: a few thousand rows) and each site's invitations sorted on their own, so
 * that LIMIT stops the walk early (an incremental sort). A page in the second half is read from
 * the end in the reverse order, so the last page costs what the first does.
 */
async function pageIds(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  total: number,
  limit: number,
  offset: number,
): Promise<string[]> {
  const remaining = total - offset;
  if (remaining <= 0 || limit <= 0) return [];
  const fromEnd = offset > 0 && offset >= total / 2;
  const dir = fromEnd ? 'DESC' : 'ASC';
  const nulls = fromEnd ? 'NULLS FIRST' : 'NULLS LAST';
  const take = fromEnd ? Math.min(limit, remaining) : limit;
  const skip = fromEnd ? Math.max(0, remaining - limit) : offset;
  const rows = await queryRows<{ id: string }>(
    manager,
    `SELECT x.id FROM (
       SELECT bp.id AS point_id, NULL::uuid AS cluster_id, bp.depth, bp.name AS site_name FROM bridge_point bp WHERE bp.conference_id = $1
       UNION ALL
       SELECT NULL, k.id, NULL, coalesce(k.name, 'Cụm ' || k.number) FROM cluster k WHERE k.conference_id = $1) s
     CROSS JOIN LATERAL (
       SELECT i.id, p.full_name FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.bridge_point_id = s.point_id AND ${sql}
       UNION ALL
       SELECT i.id, p.full_name FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.cluster_id = s.cluster_id AND ${sql}) x
     ORDER BY s.depth ${dir} ${nulls}, s.site_name ${dir}, x.full_name ${dir}, x.id ${dir}
     LIMIT ${Number(take)} OFFSET ${Number(skip)}`,
    params,
  );
  const ids = rows.map((r) => r.id);
  return fromEnd ? ids.reverse() : ids;
}

export async function invitationRow(
  manager: EntityManager,
  conferenceId: string,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  const [rows] = await invitationRows(manager, conferenceId, { kind: 'organizer' }, { invitationId });
  return rows[0];
}
