import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict } from '../common/problem';
import { nfc } from '../common/text';
import { isoInZone } from '../common/zoned-time';
import { PresentationAccess } from './presentation-access';
import { Presentation, PresentationStatusChange } from './presentation.entity';
import { nextPresentationStatus, PresentationAction } from './presentation-status';
import { PresentationViews } from './presentation-views';
import { PresentationResponse, StatusChangeResponse } from './presentations.dto';

/** The organizer's side of a paper: accept it, return it with a comment, close or reopen the assignment, and the history of it all. */
@Injectable()
export class PresentationReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PresentationAccess,
    private readonly views: PresentationViews,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async accept(principal: Principal, actor: Actor, id: string, comment?: string): Promise<PresentationResponse> {
    return this.review(principal, actor, id, 'accept', comment);
  }

  async giveBack(principal: Principal, actor: Actor, id: string, comment: string): Promise<PresentationResponse> {
    return this.review(principal, actor, id, 'return', comment);
  }

  /** Stops taking uploads (the deadline is over, the talk is cancelled); the papers stay. */
  async close(principal: Principal, actor: Actor, id: string, reason?: string): Promise<PresentationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { presentation } = await this.access.lockForChange(manager, principal, id);
      if (presentation.closedAt)
        throw conflict('ASSIGNMENT_CLOSED', 'The assignment is already closed.', {
          currentStatus: presentation.status,
        });
      if (presentation.status === 'accepted')
        throw conflict('INVALID_STATUS_TRANSITION', 'An accepted paper takes no uploads anyway.', {
          currentStatus: presentation.status,
          action: 'close',
        });
      presentation.closedAt = this.clock.now();
      presentation.closedReason = reason ? nfc(reason.trim()) || null : null;
      return this.finish(manager, actor, presentation, 'close', presentation.status, presentation.closedReason);
    });
  }

  async reopen(principal: Principal, actor: Actor, id: string): Promise<PresentationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { presentation } = await this.access.lockForChange(manager, principal, id);
      if (!presentation.closedAt)
        throw conflict('ASSIGNMENT_NOT_CLOSED', 'The assignment is open.', { currentStatus: presentation.status });
      presentation.closedAt = null;
      presentation.closedReason = null;
      return this.finish(manager, actor, presentation, 'reopen', presentation.status, null);
    });
  }

  async history(principal: Principal, id: string): Promise<StatusChangeResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.readable(manager, principal, id);
    const [{ time_zone: zone }] = await manager.query(
      `SELECT c.time_zone FROM presentation p JOIN conference c ON c.id = p.conference_id WHERE p.id = $1`,
      [id],
    );
    const changes = await manager.find(PresentationStatusChange, {
      where: { presentationId: id },
      order: { id: 'ASC' },
    });
    return changes.map((c) => ({
      id: String(c.id),
      at: isoInZone(c.at, zone),
      action: c.action,
      fromStatus: c.fromStatus,
      toStatus: c.toStatus,
      comment: c.comment,
      submissionId: c.submissionId,
      actor: { kind: c.actorKind, id: c.actorId, label: c.actorLabel },
    }));
  }

  private async review(
    principal: Principal,
    actor: Actor,
    id: string,
    action: PresentationAction,
    comment?: string,
  ): Promise<PresentationResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { presentation } = await this.access.lockForChange(manager, principal, id);
      const to = nextPresentationStatus(presentation.status, action);
      if (!to) {
        throw conflict(
          'INVALID_STATUS_TRANSITION',
          `A paper that is ${presentation.status} cannot be ${action === 'accept' ? 'accepted' : 'returned'}.`,
          { currentStatus: presentation.status, action },
        );
      }
      if (action === 'return' && presentation.closedAt) {
        throw conflict(
          'ASSIGNMENT_CLOSED',
          'The assignment is closed: a returned paper could not be submitted again. Reopen it first.',
          { currentStatus: presentation.status },
        );
      }
      const from = presentation.status;
      presentation.status = to;
      return this.finish(manager, actor, presentation, action, from, comment ? nfc(comment.trim()) || null : null);
    });
  }

  private async finish(
    manager: EntityManager,
    actor: Actor,
    presentation: Presentation,
    action: PresentationStatusChange['action'],
    from: Presentation['status'],
    comment: string | null,
  ): Promise<PresentationResponse> {
    await manager.save(presentation);
    const [latest]: { id: string }[] = await manager.query(
      `SELECT id FROM presentation_submission WHERE presentation_id = $1 ORDER BY version DESC LIMIT 1`,
      [presentation.id],
    );
    await manager.insert(PresentationStatusChange, {
      presentationId: presentation.id,
      at: this.clock.now(),
      action,
      fromStatus: from,
      toStatus: presentation.status,
      comment,
      submissionId: latest?.id ?? null,
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    await this.audit.record(manager, actor, {
      action: `presentation.${action}`,
      entityType: 'presentation',
      entityId: presentation.id,
      conferenceId: presentation.conferenceId,
      after: { status: presentation.status, comment },
    });
    return (await this.views.responses(manager, [presentation]))[0];
  }
}
