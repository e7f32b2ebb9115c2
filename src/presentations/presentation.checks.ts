import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { dayText } from '../checks/check-format';
import type { Check } from '../checks/check.types';
import { ConferenceChecks } from '../checks/conference-checks';
import { Clock } from '../common/clock';
import { Due, formatDeadline } from '../dues/reader';
import { PAPER_CHECKS } from './presentations.messages';

interface Row {
  id: string;
  topic: string;
  unit_name: string;
  status: string;
  closed: boolean;
  due: Due;
  resolves_at: Date | null;
  starts_at: Date | null;
  time_zone: string;
  pages: number | null;
  pages_outside: boolean;
}

/**
 * What the plan linter says about papers: a due after the talk itself (warning), a paper overdue
 * (warning), a latest version outside the page range (info). Registered with ConferenceChecks.
 */
@Injectable()
export class PresentationChecks implements OnModuleInit {
  constructor(
    private readonly checks: ConferenceChecks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.checks.register((conferenceId, manager) => this.run(conferenceId, manager));
  }

  async run(conferenceId: string, manager: EntityManager): Promise<Check[]> {
    const rows: Row[] = await manager.query(
      `SELECT p.id, p.topic, u.name AS unit_name, p.status, d.due, d.resolves_at, c.time_zone,
              (p.closed_at IS NOT NULL OR c.status IN ('closed', 'cancelled') OR k.status = 'cancelled') AS closed,
              COALESCE(k.starts_at, CASE WHEN c.status NOT IN ('draft', 'postponed') THEN c.starts_at END) AS starts_at,
              s.page_count AS pages, COALESCE(s.warnings @> '[{"code":"PAGES_OUTSIDE_RANGE"}]', false) AS pages_outside
         FROM presentation p
         JOIN conference c ON c.id = p.conference_id
         JOIN unit u ON u.id = p.unit_id
         JOIN due_entry d ON d.presentation_id = p.id
         LEFT JOIN cluster k ON k.id = p.cluster_id
         LEFT JOIN LATERAL (SELECT page_count, warnings FROM presentation_submission WHERE presentation_id = p.id ORDER BY version DESC LIMIT 1) s ON true
        WHERE p.conference_id = $1
        ORDER BY p.created_at, p.id`,
      [conferenceId],
    );
    const now = this.clock.now();
    return rows.flatMap((row) => findings(row, now));
  }
}

function findings(row: Row, now: Date): Check[] {
  const target = { type: 'presentation', id: row.id };
  const found: Check[] = [];
  const due = { vi: formatDeadline(row.due, 'vi'), en: formatDeadline(row.due, 'en') };
  if (row.resolves_at && row.starts_at && row.resolves_at > row.starts_at) {
    found.push({
      code: 'PAPER_DUE_AFTER_START',
      severity: 'warning',
      message: PAPER_CHECKS.PAPER_DUE_AFTER_START(row.topic, due, dayText(row.starts_at, row.time_zone)),
      target,
    });
  }
  const waiting = row.status === 'pending' || row.status === 'returned';
  if (waiting && !row.closed && row.resolves_at && row.resolves_at <= now) {
    found.push({
      code: 'PAPER_OVERDUE',
      severity: 'warning',
      message: PAPER_CHECKS.PAPER_OVERDUE(row.topic, row.unit_name, due),
      target,
    });
  }
  if (row.pages_outside && row.pages !== null) {
    found.push({
      code: 'PAPER_PAGES_OUTSIDE_RANGE',
      severity: 'info',
      message: PAPER_CHECKS.PAPER_PAGES_OUTSIDE_RANGE(row.topic, row.pages),
      target,
    });
  }
  return found;
}
