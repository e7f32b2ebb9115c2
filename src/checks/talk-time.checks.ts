import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { CHECK_MESSAGES, label } from './check.messages';

/**
 * A slot naming a presentation that lasts longer than the presentation's talk-time limit. Writing
 * such a slot is refused (the presentations module's slot rule), but the limit can be lowered, or
 * the slot come from an older version, afterwards: the linter finds what the rule no longer sees.
 */
export async function talkTimeChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: {
    id: string;
    title: string;
    cluster_number: number | null;
    presentation_id: string;
    topic: string;
    minutes: number;
    limit: number;
  }[] = await manager.query(
    `SELECT s.id, s.title, k.number AS cluster_number, p.id AS presentation_id, p.topic,
            round(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int AS minutes, p.talk_minutes AS limit
       FROM agenda_slot s
       JOIN conference c ON c.id = s.conference_id
       JOIN presentation p ON p.id = s.presentation_id
       LEFT JOIN cluster k ON k.id = s.cluster_id
      WHERE s.conference_id = $1 AND c.status <> 'cancelled' AND (k.id IS NULL OR k.status = 'scheduled')
        AND p.talk_minutes IS NOT NULL AND s.ends_at - s.starts_at > make_interval(mins => p.talk_minutes)
      ORDER BY s.starts_at, s.id`,
    [conferenceId],
  );
  return rows.map((r) => ({
    code: 'AGENDA_TALK_OVER_LIMIT',
    severity: 'error',
    message: CHECK_MESSAGES.AGENDA_TALK_OVER_LIMIT(label.agenda(r.cluster_number), r.title, r.minutes, r.limit),
    target: { type: 'agenda_slot', id: r.id },
    related: [{ type: 'presentation', id: r.presentation_id }],
  }));
}
