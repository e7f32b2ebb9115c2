import type { EntityManager } from 'typeorm';
import { offsetText } from '../reminders/reminder.messages';
import { SLOT_REASONS } from '../reminders/reminder.reasons';
import { Check } from './check.types';
import { momentText } from './check-format';
import { CHECK_MESSAGES } from './check.messages';

interface Row {
  kind: 'conference' | 'readiness' | 'deadline';
  offset_label: string;
  fire_at: Date;
  time_zone: string;
  target: { type: string; id: string };
  total: number;
}

/**
 * A reminder offset already past when it was planned: the planner records such a slot as skipped
 * (never sent late as if on time); this says so before the organizer counts on it. Only slots of
 * the series' current version whose offset is still in the settings: a reschedule (new version)
 * or removing the offset clears it. One check per kind and offset; when many points or dues share
 * it, it points at the conference with their number.
 */
export async function reminderChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: Row[] = await manager.query(
    `SELECT DISTINCT ON (s.kind, sl.offset_label) s.kind, sl.offset_label, sl.fire_at, s.time_zone,
            CASE WHEN count(*) OVER (PARTITION BY s.kind, sl.offset_label) > 1 OR s.kind = 'conference'
                 THEN jsonb_build_object('type', 'conference', 'id', s.conference_id)
                 WHEN s.kind = 'readiness' THEN jsonb_build_object('type', 'bridge_point', 'id', s.target_id)
                 WHEN d.task_id IS NOT NULL THEN jsonb_build_object('type', 'task', 'id', d.task_id)
                 ELSE jsonb_build_object('type', 'presentation', 'id', d.presentation_id) END AS target,
            count(*) OVER (PARTITION BY s.kind, sl.offset_label)::int AS total
       FROM reminder_series s
       JOIN reminder_slot sl ON sl.series_id = s.id AND sl.version = s.version AND sl.status = 'skipped'
                            AND sl.status_reason = $2 AND sl.offset_label = ANY (s.offsets)
       LEFT JOIN due_entry d ON s.kind = 'deadline' AND d.id = s.target_id
      WHERE s.conference_id = $1
      ORDER BY s.kind, sl.offset_label, sl.fire_at`,
    [conferenceId, SLOT_REASONS.pastWhenPlanned],
  );
  return rows.map((r) => ({
    code: 'REMINDER_OFFSET_PAST',
    severity: 'warning',
    message: CHECK_MESSAGES.REMINDER_OFFSET_PAST(
      r.kind,
      { vi: offsetText(r.offset_label, 'vi'), en: offsetText(r.offset_label, 'en') },
      momentText(r.fire_at, r.time_zone),
      r.total,
    ),
    target: r.target,
  }));
}
