import type { EntityManager } from 'typeorm';
import { Due, formatDeadline } from '../dues/reader';
import { Check } from './check.types';
import { CHECK_MESSAGES } from './check.messages';

/** The plans checked, with $1: those organizing a conference that still stands, or one plan. */
const OF_CONFERENCE = `SELECT pl.id, pl.year, pl.time_zone FROM plan pl JOIN conference c ON c.id = pl.conference_id
                WHERE c.id = $1 AND c.status NOT IN ('cancelled', 'closed')`;
const ONE_PLAN = `SELECT pl.id, pl.year, pl.time_zone FROM plan pl WHERE pl.id = $1`;

/**
 * The task plans organizing this conference: a due after the plan's year (missed only after its
 * last instant, 31/12 24:00 in the plan's zone; dues reported met are left out), and a task with
 * no lead, neither a directory unit nor a lead as written, on itself or on a parent it falls under.
 * Duplicate numbers cannot be stored (uq_task_number refuses a second "4.1" with 409), so there is
 * no check for them.
 */
export async function taskPlanChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  return [
    ...(await afterYear(OF_CONFERENCE, conferenceId, manager)),
    ...(await noLead(OF_CONFERENCE, conferenceId, manager)),
  ];
}

/** The same checks of one plan, conference or not (GET /plans/:planId/checks). */
export async function onePlanChecks(planId: string, manager: EntityManager): Promise<Check[]> {
  return [...(await afterYear(ONE_PLAN, planId, manager)), ...(await noLead(ONE_PLAN, planId, manager))];
}

async function afterYear(plans: string, id: string, manager: EntityManager): Promise<Check[]> {
  const rows: { task_id: string; number: string; plan_id: string; year: number; due: Due }[] = await manager.query(
    `WITH p AS (${plans})
     SELECT t.id AS task_id, t.number, p.id AS plan_id, p.year, d.due
       FROM p JOIN task t ON t.plan_id = p.id
       JOIN due_entry d ON d.task_id = t.id AND d.met_at IS NULL
      WHERE d.resolves_at > make_date(p.year + 1, 1, 1)::timestamp AT TIME ZONE p.time_zone
      ORDER BY t.sort_key, d.position`,
    [id],
  );
  return rows.map((r) => ({
    code: 'TASK_DUE_AFTER_YEAR',
    severity: 'warning',
    message: CHECK_MESSAGES.TASK_DUE_AFTER_YEAR(
      r.number,
      { vi: formatDeadline(r.due, 'vi'), en: formatDeadline(r.due, 'en') },
      r.year,
    ),
    target: { type: 'task', id: r.task_id },
    related: [{ type: 'plan', id: r.plan_id }],
  }));
}

async function noLead(plans: string, id: string, manager: EntityManager): Promise<Check[]> {
  const rows: { task_id: string; number: string; plan_id: string }[] = await manager.query(
    `WITH RECURSIVE p AS (${plans}),
     led AS (
       SELECT t.id, t.plan_id, t.number, t.sort_key, t.parent_id,
              (nullif(btrim(t.lead_text), '') IS NOT NULL
               OR EXISTS (SELECT 1 FROM task_unit tu WHERE tu.task_id = t.id AND tu.role = 'lead')) AS has_lead
         FROM p JOIN task t ON t.plan_id = p.id),
     chain AS (
       SELECT id, id AS ancestor, has_lead FROM led
       UNION ALL
       SELECT chain.id, up.id, up.has_lead FROM chain JOIN led cur ON cur.id = chain.ancestor JOIN led up ON up.id = cur.parent_id
        WHERE NOT chain.has_lead)
     SELECT l.id AS task_id, l.number, l.plan_id FROM led l
      WHERE NOT EXISTS (SELECT 1 FROM chain WHERE chain.id = l.id AND chain.has_lead)
      ORDER BY l.plan_id, l.sort_key`,
    [id],
  );
  return rows.map((r) => ({
    code: 'TASK_NO_LEAD',
    severity: 'warning',
    message: CHECK_MESSAGES.TASK_NO_LEAD(r.number),
    target: { type: 'task', id: r.task_id },
    related: [{ type: 'plan', id: r.plan_id }],
  }));
}
