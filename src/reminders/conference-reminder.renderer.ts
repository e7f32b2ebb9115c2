import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { OutboxRenderer, RenderableMessage, RenderContext, RenderOutcome } from '../outbox/outbox-renderers';
import { INVITEES_AND_COORDINATORS } from './reminder-audiences';
import { conferenceReminder, languageOf } from './reminder.messages';
import { audienceRows, groupBy, isCurrent, reminderPayload, seriesVersions } from './reminder-payload';
import { RENDER_SKIPS } from './reminder.reasons';

interface ConferenceRow {
  id: string;
  title: string;
  status: string;
  starts_at: Date | null;
  time_zone: string;
}

/**
 * `reminder.conference`: rendered from the conference as it is when the message goes out. A
 * reminder of an older time, of a conference no longer scheduled or already started, or for
 * someone no longer in the audience is skipped with the reason.
 */
export class ConferenceReminderRenderer implements OutboxRenderer {
  constructor(private readonly db: DataSource) {}

  async render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]> {
    const payloads = messages.map(reminderPayload);
    const valid = payloads.filter((p) => p !== null);
    const conferenceIds = [...new Set(valid.map((p) => p.targetId))];
    const conferences = new Map(
      (
        await queryRows<ConferenceRow>(
          this.db,
          `SELECT id, title, status, starts_at, time_zone FROM conference WHERE id = ANY($1::uuid[])`,
          [conferenceIds],
        )
      ).map((c) => [c.id, c]),
    );
    const series = await seriesVersions(this.db, [...new Set(valid.map((p) => p.seriesId))]);
    const sql = INVITEES_AND_COORDINATORS.sql;
    const recipients = new Map<string, Map<string, unknown>>();
    for (const [conferenceId, group] of groupBy(valid, (p) => p.targetId)) {
      recipients.set(
        conferenceId,
        await audienceRows(
          this.db,
          sql,
          conferenceId,
          group.map((p) => p.recipientKey),
        ),
      );
    }
    return payloads.map((payload): RenderOutcome => {
      if (!payload) return { skip: RENDER_SKIPS.badPayload };
      const conference = conferences.get(payload.targetId);
      if (!conference) return { skip: RENDER_SKIPS.conferenceGone };
      if (conference.status !== 'scheduled' || !conference.starts_at)
        return { skip: RENDER_SKIPS.notScheduled(conference.status) };
      if (!isCurrent(payload, series.get(payload.seriesId)) || conference.starts_at.toISOString() !== payload.anchorAt)
        return { skip: RENDER_SKIPS.moved };
      if (context.now >= conference.starts_at) return { skip: RENDER_SKIPS.started };
      const person = recipients.get(conference.id)?.get(payload.recipientKey) as
        { name: string; language: string; site_label: string | null } | undefined;
      if (!person) return { skip: RENDER_SKIPS.notRecipient };
      const language = languageOf(person.language);
      return {
        mail: conferenceReminder(language, {
          name: person.name,
          title: conference.title,
          startsAt: conference.starts_at,
          zone: conference.time_zone,
          label: payload.label,
          site: person.site_label,
          now: context.now,
        }),
      };
    });
  }
}
