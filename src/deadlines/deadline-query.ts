import type { Principal } from '../identity/principal';
import { PlanAccess } from '../plans/plan-access.service';
import type { DeadlineQuery } from './deadlines.dto';

/**
 * Presentations' and tasks' dues as one relation, with where each stands at `$1` (now), filtered
 * by what the caller may see and asks for. Pure SQL building: the service runs it.
 */
const ITEMS = `
  SELECT d.id, d.position, d.due, d.kind, d.resolves_at, d.met_at, d.updated_at,
         'presentation' AS source, p.id AS presentation_id, NULL::uuid AS task_id, NULL::uuid AS plan_id,
         p.conference_id, p.unit_id, p.person_id, p.topic AS title, p.status AS owner_status, p.updated_at AS owner_updated_at,
         p.status IN ('submitted', 'resubmitted', 'accepted') AS met,
         (p.closed_at IS NOT NULL OR c.status IN ('closed', 'cancelled') OR k.status = 'cancelled') AS closed,
         c.plan_issued_on AS issued_on, false AS partial_reference
    FROM due_entry d
    JOIN presentation p ON p.id = d.presentation_id
    JOIN conference c ON c.id = p.conference_id
    LEFT JOIN cluster k ON k.id = p.cluster_id
  UNION ALL
  SELECT d.id, d.position, d.due, d.kind, d.resolves_at, d.met_at, d.updated_at,
         'task', NULL, t.id, t.plan_id,
         pl.conference_id, NULL, NULL, t.number || '. ' || t.content, t.status, t.updated_at,
         (t.status = 'done' OR d.met_at IS NOT NULL),
         false,
         pl.issued_on, true
    FROM due_entry d
    JOIN task t ON t.id = d.task_id
    JOIN plan pl ON pl.id = t.plan_id`;

const STATUS = `CASE
    WHEN i.met THEN 'met'
    WHEN i.closed THEN 'closed'
    WHEN i.kind = 'recurring' THEN 'recurring'
    WHEN i.resolves_at IS NULL THEN 'unresolved'
    WHEN i.resolves_at <= $1 THEN 'overdue'
    ELSE 'open' END`;

export interface DeadlineSql {
  text: string;
  params: unknown[];
}

export interface DeadlineScope extends Omit<DeadlineQuery, 'limit' | 'offset'> {
  limit: number;
  offset: number;
}

export function deadlineSql(principal: Principal | null, now: Date, query: DeadlineScope): DeadlineSql {
  const params: unknown[] = [now];
  const add = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (principal && principal.kind === 'user' && principal.role !== 'admin') {
    const user = add(principal.userId);
    where.push(`(CASE WHEN i.source = 'presentation'
        THEN EXISTS (SELECT 1 FROM conference_member m WHERE m.conference_id = i.conference_id AND m.user_id = ${user})
        ELSE EXISTS (SELECT 1 FROM plan pl WHERE pl.id = i.plan_id AND ${PlanAccess.visibleSql('pl', user)}) END)`);
  }
  if (principal && principal.kind === 'link') where.push('false');
  if (query.unitId) {
    const unit = add(query.unitId);
    where.push(
      `(i.unit_id = ${unit} OR EXISTS (SELECT 1 FROM task_unit tu WHERE tu.task_id = i.task_id AND tu.unit_id = ${unit}))`,
    );
  }
  if (query.personId) where.push(`i.person_id = ${add(query.personId)}`);
  if (query.conferenceId) where.push(`i.conference_id = ${add(query.conferenceId)}`);
  if (query.planId) where.push(`i.plan_id = ${add(query.planId)}`);
  // Half-open like the dues themselves: due before B when on time until at most B.
  if (query.dueBefore) where.push(`i.resolves_at <= ${add(new Date(query.dueBefore))}`);
  if (query.dueAfter) where.push(`i.resolves_at > ${add(new Date(query.dueAfter))}`);
  if (query.overdue !== undefined) where.push(query.overdue ? `s.status = 'overdue'` : `s.status <> 'overdue'`);
  if (query.status) where.push(`s.status = ${add(query.status)}`);
  const limit = add(query.limit);
  const offset = add(query.offset);
  return {
    text: `SELECT i.*, s.status, count(*) OVER () AS total
             FROM (${ITEMS}) i CROSS JOIN LATERAL (SELECT ${STATUS} AS status) s
            ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY i.resolves_at ASC NULLS LAST, i.source, i.title, i.position, i.id
            LIMIT ${limit} OFFSET ${offset}`,
    params,
  };
}
