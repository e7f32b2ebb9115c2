import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { queryRows } from '../common/sql';
import { dueTime } from '../outbox/due-time';
import { DEADLINE_SEND_HOUR } from './reminder-offsets';

export const DIGEST_KIND = 'reminder.digest';

/**
 * The daily digest to a conference's owners and organizers: queued once per day and person (the
 * dedupe key holds the day in the conference's zone) from 08:00 on, for conferences with dues of
 * papers or tasks. Rendered when sent, so it says what is true then. After downtime only the
 * current day's digest goes out: it lists everything still overdue, so nothing is lost.
 */
@Injectable()
export class DigestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async queueDue(now: Date): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      this.dataSource,
      `WITH active AS (
         SELECT c.id, c.time_zone, to_char($1::timestamptz AT TIME ZONE c.time_zone, 'YYYY-MM-DD') AS day
         FROM conference c LEFT JOIN reminder_settings rs ON rs.conference_id = c.id
         WHERE c.status IN ('draft', 'scheduled', 'postponed') AND coalesce(rs.daily_digest, true)
           AND extract(hour FROM $1::timestamptz AT TIME ZONE c.time_zone) >= $2
           AND c.id IN (SELECT pr.conference_id FROM presentation pr JOIN due_entry d ON d.presentation_id = pr.id
                        UNION SELECT pl.conference_id FROM plan pl JOIN task t ON t.plan_id = pl.id JOIN due_entry d ON d.task_id = t.id WHERE pl.conference_id IS NOT NULL)
       ), queued AS (
         INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, conference_id, payload, next_attempt_at, created_at, updated_at)
         SELECT 'digest:' || a.id || ':' || a.day || ':' || u.id, $3, lower(u.email), u.display_name, a.id,
                jsonb_build_object('conferenceId', a.id, 'day', a.day, 'userId', u.id),
                coalesce($4::timestamptz, now()), coalesce($4::timestamptz, now()), coalesce($4::timestamptz, now())
         FROM active a JOIN conference_member m ON m.conference_id = a.id AND m.role IN ('owner', 'organizer')
         JOIN app_user u ON u.id = m.user_id AND u.active
         ORDER BY 1
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM queued`,
      [now, DEADLINE_SEND_HOUR, DIGEST_KIND, dueTime(this.clock)],
    );
    return rows[0]?.n ?? 0;
  }
}
