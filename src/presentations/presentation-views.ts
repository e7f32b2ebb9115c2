import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { isoInZone } from '../common/zoned-time';
import { DueEntry } from '../dues/due-entry.entity';
import { toDueResponse } from '../dues/due-response';
import { planReference } from '../dues/due-warnings';
import { Presentation, PresentationSubmission } from './presentation.entity';
import { allowedPresentationActions } from './presentation-status';
import { STATUS_LABELS } from './presentations.messages';
import { PresentationResponse, toSubmissionResponse } from './presentations.dto';

interface Details {
  id: string;
  unit_name: string;
  person_name: string | null;
  receiving_name: string | null;
  cluster_number: number | null;
  cluster_status: string | null;
  conference_status: string;
  time_zone: string;
  plan_issued_on: string | null;
}

/** Whether a presentation takes uploads: not accepted, not closed, and its conference or cluster not over. */
export function isClosed(
  p: Pick<Presentation, 'status' | 'closedAt'>,
  conferenceStatus: string,
  clusterStatus: string | null,
): boolean {
  return (
    p.status === 'accepted' ||
    p.closedAt !== null ||
    conferenceStatus === 'closed' ||
    conferenceStatus === 'cancelled' ||
    clusterStatus === 'cancelled'
  );
}

/** Presentations as the API shows them, in four queries however many there are. */
@Injectable()
export class PresentationViews {
  constructor(private readonly clock: Clock) {}

  async responses(manager: EntityManager, presentations: Presentation[]): Promise<PresentationResponse[]> {
    if (presentations.length === 0) return [];
    const ids = presentations.map((p) => p.id);
    const details: Details[] = await manager.query(
      `SELECT p.id, u.name AS unit_name, pe.full_name AS person_name, ru.name AS receiving_name, k.number AS cluster_number,
              k.status AS cluster_status, c.status AS conference_status, c.time_zone, c.plan_issued_on
         FROM presentation p
         JOIN conference c ON c.id = p.conference_id
         JOIN unit u ON u.id = p.unit_id
         LEFT JOIN person pe ON pe.id = p.person_id
         LEFT JOIN unit ru ON ru.id = p.receiving_unit_id
         LEFT JOIN cluster k ON k.id = p.cluster_id
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const dues = await manager.find(DueEntry, { where: { presentationId: In(ids) } });
    const latest = await manager
      .createQueryBuilder(PresentationSubmission, 's')
      .distinctOn(['s.presentation_id'])
      .where('s.presentation_id IN (:...ids)', { ids })
      .orderBy('s.presentation_id')
      .addOrderBy('s.version', 'DESC')
      .getMany();
    const counts: { presentation_id: string; n: number }[] = await manager.query(
      `SELECT presentation_id, count(*)::int AS n FROM presentation_submission WHERE presentation_id = ANY($1::uuid[]) GROUP BY presentation_id`,
      [ids],
    );
    const comments: { presentation_id: string; comment: string }[] = await manager.query(
      `SELECT DISTINCT ON (presentation_id) presentation_id, comment FROM presentation_status_change
        WHERE presentation_id = ANY($1::uuid[]) AND comment IS NOT NULL ORDER BY presentation_id, id DESC`,
      [ids],
    );
    const now = this.clock.now();
    return presentations.map((p) => {
      const d = details.find((x) => x.id === p.id)!;
      const due = dues.find((x) => x.presentationId === p.id)!;
      const last = latest.find((s) => s.presentationId === p.id);
      const closed = isClosed(p, d.conference_status, d.cluster_status);
      const waiting = p.status === 'pending' || p.status === 'returned';
      return {
        id: p.id,
        conferenceId: p.conferenceId,
        clusterId: p.clusterId,
        clusterNumber: d.cluster_number,
        unit: { id: p.unitId, name: d.unit_name },
        person: p.personId ? { id: p.personId, name: d.person_name! } : null,
        topic: p.topic,
        pages: { min: p.minPages, max: p.maxPages },
        talkMinutes: p.talkMinutes,
        receivingUnit: p.receivingUnitId ? { id: p.receivingUnitId, name: d.receiving_name! } : null,
        note: p.note,
        due: toDueResponse(due, planReference(d.plan_issued_on, d.time_zone, false)),
        status: p.status,
        statusLabel: STATUS_LABELS[p.status],
        closed,
        closedAt: p.closedAt ? isoInZone(p.closedAt, d.time_zone) : null,
        closedReason: p.closedReason,
        allowedActions: allowedPresentationActions(p.status, closed),
        overdue: waiting && !closed && due.resolvesAt !== null && due.resolvesAt.getTime() <= now.getTime(),
        submissionCount: counts.find((c) => c.presentation_id === p.id)?.n ?? 0,
        latestSubmission: last ? toSubmissionResponse(last, d.time_zone) : null,
        lastComment: comments.find((c) => c.presentation_id === p.id)?.comment ?? null,
        version: p.version,
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      };
    });
  }
}
