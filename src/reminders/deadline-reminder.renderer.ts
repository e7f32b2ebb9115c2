import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import { dateInZone } from '../common/zoned-time';
import type { OutboxRenderer, RenderableMessage, RenderContext, RenderOutcome } from '../outbox/outbox-renderers';
import { deadlineReminder, languageOf } from './reminder.messages';
import { OVERDUE_LABEL } from './reminder-offsets';
import { audienceRows, groupBy, isCurrent, reminderPayload, seriesVersions } from './reminder-payload';
import { DEADLINE_AUDIENCE_SQL } from './reminder-sources';
import { RENDER_SKIPS } from './reminder.reasons';

/** A due as the deadline reminders and the digest read it, with whether it is still open. */
export const DUE_FACTS_SQL = `
  SELECT d.id, d.resolves_at, coalesce(pr.topic, t.content) AS what, u.name AS unit, coalesce(c.title, pl.title) AS context,
         coalesce(c.time_zone, pl.time_zone) AS time_zone,
         (d.met_at IS NULL AND coalesce(c.status, 'scheduled') <> 'cancelled'
          AND (pr.id IS NULL OR (pr.status IN ('pending', 'returned') AND pr.closed_at IS NULL))
          AND (t.id IS NULL OR t.status <> 'done')) AS open
  FROM due_entry d
  LEFT JOIN presentation pr ON pr.id = d.presentation_id
  LEFT JOIN task t ON t.id = d.task_id
  LEFT JOIN plan pl ON pl.id = t.plan_id
  LEFT JOIN conference c ON c.id = coalesce(pr.conference_id, pl.conference_id)
  LEFT JOIN unit u ON u.id = coalesce(pr.unit_id, (SELECT tu.unit_id FROM task_unit tu WHERE tu.task_id = t.id AND tu.role = 'lead' ORDER BY tu.position LIMIT 1))`;

export interface DueFacts {
  id: string;
  resolves_at: Date | null;
  what: string;
  unit: string | null;
  context: string | null;
  time_zone: string;
  open: boolean;
}

/** The last day still on time, as a letter writes it: resolvesAt is the first instant late. */
export const lastDayText = (resolvesAt: Date, zone: string, language: 'vi' | 'en') =>
  dateInZone(new Date(resolvesAt.getTime() - 1), zone, language);

/**
 * `reminder.deadline`: before the due, and the overdue notice the day after, to the responsible
 * unit's contact; skipped when the paper came in, the task is done, the due moved or was met.
 */
export class DeadlineReminderRenderer implements OutboxRenderer {
  constructor(private readonly db: DataSource) {}

  async render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]> {
    const payloads = messages.map(reminderPayload);
    const valid = payloads.filter((p) => p !== null);
    const ids = [...new Set(valid.map((p) => p.targetId))];
    const dues = new Map(
      (await queryRows<DueFacts>(this.db, `${DUE_FACTS_SQL} WHERE d.id = ANY($1::uuid[])`, [ids])).map((d) => [
        d.id,
        d,
      ]),
    );
    const series = await seriesVersions(this.db, [...new Set(valid.map((p) => p.seriesId))]);
    const sql = DEADLINE_AUDIENCE_SQL;
    const recipients = new Map<string, Awaited<ReturnType<typeof audienceRows>>>();
    for (const [dueId, group] of groupBy(valid, (p) => p.targetId))
      recipients.set(
        dueId,
        await audienceRows(
          this.db,
          sql,
          dueId,
          group.map((p) => p.recipientKey),
        ),
      );
    return payloads.map((payload): RenderOutcome => {
      if (!payload) return { skip: RENDER_SKIPS.badPayload };
      const due = dues.get(payload.targetId);
      const overdue = payload.label === OVERDUE_LABEL;
      if (
        !due ||
        !due.open ||
        !due.resolves_at ||
        due.resolves_at.toISOString() !== payload.anchorAt ||
        !isCurrent(payload, series.get(payload.seriesId))
      ) {
        return { skip: RENDER_SKIPS.dueChanged };
      }
      if (!overdue && context.now >= due.resolves_at) return { skip: RENDER_SKIPS.dueChanged };
      const person = recipients.get(due.id)?.get(payload.recipientKey);
      if (!person) return { skip: RENDER_SKIPS.notRecipient };
      const language = languageOf(person.language);
      return {
        mail: deadlineReminder(language, {
          name: person.name,
          unit: due.unit,
          what: due.what,
          lastDay: lastDayText(due.resolves_at, due.time_zone, language),
          context: due.context,
          overdue,
          label: payload.label,
        }),
      };
    });
  }
}
