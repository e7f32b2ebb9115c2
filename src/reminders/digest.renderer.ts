import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import { dateInZone, zonedInstant } from '../common/zoned-time';
import type { OutboxRenderer, RenderableMessage, RenderContext, RenderOutcome } from '../outbox/outbox-renderers';
import { DUE_FACTS_SQL, DueFacts, lastDayText } from './deadline-reminder.renderer';
import { DEADLINE_SEND_HOUR } from './reminder-offsets';
import { dailyDigest, DigestItem } from './reminder.messages';
import { RENDER_SKIPS } from './reminder.reasons';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export const DIGEST_SKIPS = { nothing: 'nothing overdue and nothing came in: no digest that day' };

/** Dues of a conference's papers, and of tasks of plans attached to it. */
const CONFERENCE_DUES = `${DUE_FACTS_SQL} WHERE c.id = $1`;

/**
 * `reminder.digest`: what is overdue now, and what came in during the 24 hours before that day's
 * 08:00 (papers uploaded, tasks done), so each arrival is reported in exactly one digest. App users
 * have no language of their own: digests are in Vietnamese.
 */
export class DigestRenderer implements OutboxRenderer {
  constructor(private readonly db: DataSource) {}

  async render(messages: RenderableMessage[], context: RenderContext): Promise<RenderOutcome[]> {
    const outcomes: RenderOutcome[] = [];
    for (const message of messages) outcomes.push(await this.renderOne(message, context));
    return outcomes;
  }

  private async renderOne(message: RenderableMessage, context: RenderContext): Promise<RenderOutcome> {
    const { conferenceId, day } = message.payload as { conferenceId?: string; day?: string };
    const match = typeof day === 'string' ? DAY.exec(day) : null;
    if (typeof conferenceId !== 'string' || !match) return { skip: RENDER_SKIPS.badPayload };
    const [conference] = await queryRows<{ title: string; time_zone: string; status: string }>(
      this.db,
      `SELECT title, time_zone, status FROM conference WHERE id = $1`,
      [conferenceId],
    );
    if (!conference) return { skip: RENDER_SKIPS.conferenceGone };
    if (conference.status === 'cancelled') return { skip: RENDER_SKIPS.notScheduled(conference.status) };
    const zone = conference.time_zone;
    const until = zonedInstant(
      { year: +match[1], month: +match[2], day: +match[3] },
      { hour: DEADLINE_SEND_HOUR, minute: 0 },
      zone,
    );
    const dues = await queryRows<DueFacts>(this.db, CONFERENCE_DUES, [conferenceId]);
    const overdue: DigestItem[] = dues
      .filter((d) => d.open && d.resolves_at && d.resolves_at <= context.now)
      .map((d) => ({ what: d.what, unit: d.unit, day: lastDayText(d.resolves_at!, zone, 'vi') }));
    const received = await this.received(conferenceId, new Date(until.getTime() - DAY_MS), until, zone);
    if (overdue.length === 0 && received.length === 0) return { skip: DIGEST_SKIPS.nothing };
    const dayText = `${match[3]}/${match[2]}/${match[1]}`;
    return {
      mail: dailyDigest('vi', {
        name: message.recipientName,
        title: conference.title,
        day: dayText,
        overdue,
        received,
      }),
    };
  }

  private async received(conferenceId: string, from: Date, until: Date, zone: string): Promise<DigestItem[]> {
    const rows = await queryRows<{ what: string; unit: string | null; at: Date }>(
      this.db,
      `SELECT pr.topic AS what, u.name AS unit, s.uploaded_at AS at
       FROM presentation_submission s JOIN presentation pr ON pr.id = s.presentation_id LEFT JOIN unit u ON u.id = pr.unit_id
       WHERE pr.conference_id = $1 AND s.uploaded_at >= $2 AND s.uploaded_at < $3
       UNION ALL
       SELECT t.content, NULL, t.completed_at FROM task t JOIN plan pl ON pl.id = t.plan_id
       WHERE pl.conference_id = $1 AND t.completed_at >= $2 AND t.completed_at < $3
       ORDER BY 3`,
      [conferenceId, from, until],
    );
    return rows.map((r) => ({ what: r.what, unit: r.unit, day: dateInZone(r.at, zone, 'vi') }));
  }
}
