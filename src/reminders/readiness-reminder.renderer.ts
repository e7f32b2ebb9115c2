import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { OutboxRenderer, RenderableMessage, RenderContext, RenderOutcome } from '../outbox/outbox-renderers';
import { languageOf, readinessReminder } from './reminder.messages';
import { isCurrent, reminderPayload, seriesVersions } from './reminder-payload';
import { RENDER_SKIPS } from './reminder.reasons';

interface PointRow {
  id: string;
  name: string;
  readiness: string;
  readiness_test_at: Date | null;
  coordinator_person_id: string | null;
  title: string;
  status: string;
  starts_at: Date | null;
  time_zone: string;
  full_name: string | null;
  language: string | null;
}

/** `reminder.readiness`: the coordinator of a point, before its connection test, from current data. */
export class ReadinessReminderRenderer implements OutboxRenderer {
  constructor(private readonly db: DataSource) {}

  async render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]> {
    const payloads = messages.map(reminderPayload);
    const valid = payloads.filter((p) => p !== null);
    const points = new Map(
      (
        await queryRows<PointRow>(
          this.db,
          `SELECT bp.id, bp.name, bp.readiness, bp.readiness_test_at, bp.coordinator_person_id, c.title, c.status, c.starts_at, c.time_zone, p.full_name, p.language
           FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id LEFT JOIN person p ON p.id = bp.coordinator_person_id
           WHERE bp.id = ANY($1::uuid[])`,
          [[...new Set(valid.map((p) => p.targetId))]],
        )
      ).map((r) => [r.id, r]),
    );
    const series = await seriesVersions(this.db, [...new Set(valid.map((p) => p.seriesId))]);
    return payloads.map((payload): RenderOutcome => {
      if (!payload) return { skip: RENDER_SKIPS.badPayload };
      const point = points.get(payload.targetId);
      if (!point) return { skip: RENDER_SKIPS.testChanged };
      if (['cancelled', 'held', 'closed'].includes(point.status))
        return { skip: RENDER_SKIPS.notScheduled(point.status) };
      const testAt = point.readiness === 'test_scheduled' ? point.readiness_test_at : null;
      if (
        !testAt ||
        testAt.toISOString() !== payload.anchorAt ||
        !isCurrent(payload, series.get(payload.seriesId)) ||
        context.now >= testAt
      )
        return { skip: RENDER_SKIPS.testChanged };
      if (point.coordinator_person_id !== payload.recipientKey) return { skip: RENDER_SKIPS.notRecipient };
      const language = languageOf(point.language);
      return {
        mail: readinessReminder(language, {
          name: point.full_name ?? '',
          title: point.title,
          point: point.name,
          testAt,
          startsAt: point.status === 'scheduled' ? point.starts_at : null,
          zone: point.time_zone,
          label: payload.label,
        }),
      };
    });
  }
}
