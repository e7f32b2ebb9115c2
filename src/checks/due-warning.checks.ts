import type { EntityManager } from 'typeorm';
import { storedDueWarnings, planReference } from '../dues/due-warnings';
import { Due } from '../dues/reader';
import { Check } from './check.types';
import { CHECK_MESSAGES } from './check.messages';

interface DueRow {
  owner: 'task' | 'presentation';
  owner_id: string;
  label: string;
  plan_id: string | null;
  due: Due;
  issued_on: string | null;
  zone: string;
}

/**
 * What the due reader warns about a stored due (DUE_BEFORE_REFERENCE: due before the plan's own
 * date), for the tasks of plans organizing this conference and for its papers; the same warnings
 * GET shows on the due, computed from the same stored fields (see dues/due-warnings.ts).
 */
export async function dueWarningChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: DueRow[] = await manager.query(
    `SELECT 'task' AS owner, t.id AS owner_id, t.number AS label, pl.id AS plan_id, d.due, pl.issued_on, pl.time_zone AS zone
       FROM conference c
       JOIN plan pl ON pl.conference_id = c.id
       JOIN task t ON t.plan_id = pl.id
       JOIN due_entry d ON d.task_id = t.id
      WHERE c.id = $1 AND c.status NOT IN ('cancelled', 'closed') AND pl.issued_on IS NOT NULL
     UNION ALL
     SELECT 'presentation', p.id, p.topic, NULL, d.due, c.plan_issued_on, c.time_zone
       FROM conference c
       JOIN presentation p ON p.conference_id = c.id
       JOIN due_entry d ON d.presentation_id = p.id
      WHERE c.id = $1 AND c.status NOT IN ('cancelled', 'closed') AND c.plan_issued_on IS NOT NULL
      ORDER BY 1, 3`,
    [conferenceId],
  );
  return rows.flatMap(toChecks);
}

/** DUE_BEFORE_REFERENCE for the tasks of one plan, conference or not (GET /plans/:planId/checks). */
export async function planDueWarningChecks(planId: string, manager: EntityManager): Promise<Check[]> {
  const rows: DueRow[] = await manager.query(
    `SELECT 'task' AS owner, t.id AS owner_id, t.number AS label, pl.id AS plan_id, d.due, pl.issued_on, pl.time_zone AS zone
       FROM plan pl JOIN task t ON t.plan_id = pl.id JOIN due_entry d ON d.task_id = t.id
      WHERE pl.id = $1 AND pl.issued_on IS NOT NULL
      ORDER BY t.sort_key, d.position`,
    [planId],
  );
  return rows.flatMap(toChecks);
}

function toChecks(row: DueRow): Check[] {
  return storedDueWarnings(row.due, planReference(row.issued_on, row.zone, row.owner === 'task')).map(
    (warning) =>
      ({
        code: warning.code,
        severity: 'warning',
        message: CHECK_MESSAGES.DUE_BEFORE_REFERENCE(row.owner, row.label, warning.message),
        target: { type: row.owner, id: row.owner_id },
        ...(row.plan_id ? { related: [{ type: 'plan', id: row.plan_id }] } : {}),
      }) satisfies Check,
  );
}
