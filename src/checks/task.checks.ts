import type { EntityManager } from 'typeorm';
import { Due, formatDeadline } from '../dues/reader';
import { Check } from './check.types';
import { dayText, localDayText } from './check-format';
import { CHECK_MESSAGES } from './check.messages';

interface TaskDueRow {
  task_id: string;
  number: string;
  content: string;
  plan_id: string;
  due: Due;
  time_zone: string;
  ends_at: Date | null;
  window_to: string | null;
}

/**
 * A task of a plan that organizes this conference, due after the conference: after the day it
 * ends (after its end instant for a due to the minute), or, while only a window is known, after the
 * window's last day. Left out: done tasks, dues reported met, and dues written relative to the
 * conference ("sau 05 ngày kể từ ngày kết thúc Hội nghị"), which the plan put after it on purpose.
 * Papers are checked by the presentations module (PAPER_DUE_AFTER_START).
 */
export async function taskChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: TaskDueRow[] = await manager.query(
    `SELECT t.id AS task_id, t.number, t.content, pl.id AS plan_id, d.due, c.time_zone, c.ends_at, c.window_to::text
       FROM conference c
       JOIN plan pl ON pl.conference_id = c.id
       JOIN task t ON t.plan_id = pl.id AND t.status <> 'done'
       JOIN due_entry d ON d.task_id = t.id AND d.met_at IS NULL AND d.resolves_at IS NOT NULL AND d.kind <> 'relative_to_event'
      WHERE c.id = $1 AND c.status NOT IN ('cancelled', 'closed')
        AND d.resolves_at > CASE
              WHEN c.ends_at IS NULL THEN (c.window_to + 1)::timestamp AT TIME ZONE c.time_zone
              WHEN d.precision = 'minute' THEN c.ends_at
              ELSE ((c.ends_at AT TIME ZONE c.time_zone)::date + 1)::timestamp AT TIME ZONE c.time_zone END
      ORDER BY t.sort_key, d.position`,
    [conferenceId],
  );
  return rows.map((row) => {
    const due = { vi: formatDeadline(row.due, 'vi'), en: formatDeadline(row.due, 'en') };
    const end = row.ends_at ? dayText(row.ends_at, row.time_zone) : localDayText(row.window_to!);
    return {
      code: 'TASK_DUE_AFTER_CONFERENCE',
      severity: 'warning',
      message: CHECK_MESSAGES.TASK_DUE_AFTER_CONFERENCE(row.number, due, end),
      target: { type: 'task', id: row.task_id },
      related: [{ type: 'plan', id: row.plan_id }],
    } satisfies Check;
  });
}
