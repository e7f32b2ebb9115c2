import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import { CalendarRepliesQuery, CalendarReplyRow, RECORDED_OUTCOMES, RecordedOutcome } from './replies.dto';

const COLUMNS = `id, message_id AS "messageId", received_at AS "receivedAt", envelope_from AS "envelopeFrom", header_from AS "headerFrom",
  uid, sequence, dtstamp, attendee, partstat, invitation_id AS "invitationId", conference_id AS "conferenceId", outcome, reason, detail, answer`;

/** The record of received calendar replies, for the admins' `GET /calendar-replies`. */
@Injectable()
export class CalendarReplyLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    query: CalendarRepliesQuery,
  ): Promise<{ items: CalendarReplyRow[]; total: number; counts: Record<RecordedOutcome, number> }> {
    const filters = `($1::text IS NULL OR outcome = $1) AND ($2::text IS NULL OR reason = $2) AND ($3::uuid IS NULL OR conference_id = $3)`;
    const params = [query.outcome ?? null, query.reason ?? null, query.conferenceId ?? null];
    const items = await queryRows<CalendarReplyRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM calendar_reply WHERE ${filters} ORDER BY received_at DESC, id LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    // The counts follow the conference filter only, so one answer shows every outcome side by side.
    const grouped = await queryRows<{ outcome: RecordedOutcome; n: string }>(
      this.dataSource,
      `SELECT outcome, count(*) AS n FROM calendar_reply WHERE ($1::uuid IS NULL OR conference_id = $1) GROUP BY outcome`,
      [query.conferenceId ?? null],
    );
    const counts = Object.fromEntries(RECORDED_OUTCOMES.map((o) => [o, 0])) as Record<RecordedOutcome, number>;
    for (const row of grouped) counts[row.outcome] = Number(row.n);
    const [{ total }] = await queryRows<{ total: string }>(
      this.dataSource,
      `SELECT count(*) AS total FROM calendar_reply WHERE ${filters}`,
      params,
    );
    return { items, total: Number(total), counts };
  }
}
