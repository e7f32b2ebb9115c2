import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/principal';
import { Page } from '../common/pagination';
import { queryRows } from '../common/sql';
import { FOLDED_LETTERS as FOLDED, VIETNAMESE_LETTERS as VIETNAMESE } from '../common/sql-fold';
import { isoInZone } from '../common/zoned-time';
import { searchCondition, SqlParams } from '../common/sql-params';
import { ConferenceSummaryQuery, ConferenceSummaryResponse } from './conference-summaries.dto';

interface SummaryRow {
  total: number;
  id: string | null;
  title: string;
  kind: ConferenceSummaryResponse['kind'];
  format: ConferenceSummaryResponse['format'];
  status: ConferenceSummaryResponse['status'];
  time_zone: string;
  plan_reference: string | null;
  plan_issued_on: string | null;
  window_from: string | null;
  window_to: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  created_at: Date;
  bridge_points: number;
  invitees: number;
  answers: number;
}

/** The console's conference list: filters, a page and each conference's counts, in one statement. */
@Injectable()
export class ConferenceSummariesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: ConferenceSummaryQuery): Promise<Page<ConferenceSummaryResponse>> {
    const params = new SqlParams();
    const where: string[] = [];
    if (principal.kind === 'link') where.push('FALSE');
    else if (principal.role !== 'admin') {
      where.push(
        `EXISTS (SELECT 1 FROM conference_member m WHERE m.conference_id = c.id AND m.user_id = ${params.add(principal.userId)})`,
      );
    }
    if (query.q) {
      const folded = `translate(lower(c.title || ' ' || coalesce(c.plan_reference, '')), ${params.add(VIETNAMESE)}, ${params.add(FOLDED)})`;
      where.push(searchCondition(folded, query.q, params));
    }
    if (query.status) where.push(`c.status = ${params.add(query.status)}`);
    if (query.year !== undefined) {
      where.push(
        `coalesce(extract(year FROM c.starts_at AT TIME ZONE c.time_zone)::int, extract(year FROM c.window_from)::int,
                  left(c.plan_issued_on, 4)::int) = ${params.add(query.year)}`,
      );
    }
    const rows = await queryRows<SummaryRow>(
      this.dataSource,
      `WITH matching AS (SELECT c.* FROM conference c WHERE ${where.length > 0 ? where.join(' AND ') : 'TRUE'})
       SELECT t.total, p.* FROM (SELECT count(*)::int AS total FROM matching) t
       LEFT JOIN LATERAL (
         SELECT c.id, c.title, c.kind, c.format, c.status, c.time_zone, c.plan_reference, c.plan_issued_on,
                to_char(c.window_from, 'YYYY-MM-DD') AS window_from, to_char(c.window_to, 'YYYY-MM-DD') AS window_to,
                c.starts_at, c.ends_at, c.created_at,
                (SELECT count(*)::int FROM bridge_point b WHERE b.conference_id = c.id) AS bridge_points,
                (SELECT count(*)::int FROM invitation i WHERE i.conference_id = c.id AND i.withdrawn_at IS NULL) AS invitees,
                (SELECT count(*)::int FROM invitation i
                  WHERE i.conference_id = c.id AND i.withdrawn_at IS NULL AND i.answer IS NOT NULL) AS answers
           FROM matching c ORDER BY c.created_at DESC, c.id LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}
       ) p ON TRUE`,
      params.values,
    );
    const items = rows.filter((r) => r.id !== null).map(toSummary);
    return { items, total: rows[0]?.total ?? 0, limit: query.limit, offset: query.offset };
  }
}

const zoned = (instant: Date | null, zone: string) => (instant ? isoInZone(instant, zone) : null);

function toSummary(r: SummaryRow): ConferenceSummaryResponse {
  return {
    id: r.id as string,
    title: r.title,
    kind: r.kind,
    format: r.format,
    status: r.status,
    timeZone: r.time_zone,
    plan: { reference: r.plan_reference, issuedOn: r.plan_issued_on },
    window: r.window_from && r.window_to ? { from: r.window_from, to: r.window_to } : null,
    startsAt: zoned(r.starts_at, r.time_zone),
    endsAt: zoned(r.ends_at, r.time_zone),
    counts: { bridgePoints: r.bridge_points, invitees: r.invitees, answers: r.answers },
    createdAt: r.created_at.toISOString(),
  };
}
