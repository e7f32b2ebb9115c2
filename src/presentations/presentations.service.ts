import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { startOfDay } from '../common/zoned-time';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { optionalText } from '../conferences/text-input';
import { readDues } from '../dues/due-input';
import { DueEntry } from '../dues/due-entry.entity';
import { DueChangeResponse, toDueChangeResponse } from '../dues/due-response';
import { DueStore } from '../dues/due-store';
import { scheduleOfCluster, scheduleOfConference } from '../dues/schedule-of';
import type { DueContext, DueWarning } from '../dues/reader';
import { PresentationAccess } from './presentation-access';
import { Presentation, PresentationStatusChange } from './presentation.entity';
import { PresentationViews } from './presentation-views';
import {
  CreatePresentationDto,
  PresentationListQuery,
  PresentationResponse,
  SpeakerLinkResponse,
  UpdatePresentationDto,
} from './presentations.dto';
import { SpeakerLinks } from './speaker-links.service';
import { assertFresh, IfMatch, touch } from '../common/etag';

/** Dues a paper cannot have: it is delivered once, by a date. */
const NOT_FOR_PAPERS = ['recurring' as const, 'ongoing' as const];

/** Presentation assignments: create (with the speaker link, shown once), list, read, change, remove. */
@Injectable()
export class PresentationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conferences: ConferenceAccess,
    private readonly access: PresentationAccess,
    private readonly views: PresentationViews,
    private readonly dues: DueStore,
    private readonly links: SpeakerLinks,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: CreatePresentationDto,
  ): Promise<{ presentation: PresentationResponse; speakerLink: SpeakerLinkResponse; warnings: DueWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.conferences.lockForChange(manager, principal, conferenceId);
      if (dto.clusterId) await this.assertCluster(manager, conferenceId, dto.clusterId);
      checkPages(dto.minPages ?? null, dto.maxPages ?? null);
      const read = readDues(dto.due, dueContext(conference), {
        field: 'due',
        single: true,
        refusedKinds: NOT_FOR_PAPERS,
      });
      const presentation = manager.create(Presentation, {
        conferenceId,
        clusterId: dto.clusterId ?? null,
        unitId: dto.unitId,
        personId: dto.personId ?? null,
        topic: nfc(dto.topic.trim()),
        minPages: dto.minPages ?? null,
        maxPages: dto.maxPages ?? null,
        talkMinutes: dto.talkMinutes ?? null,
        receivingUnitId: dto.receivingUnitId ?? null,
        note: optionalText(dto.note) ?? null,
        status: 'pending',
        closedAt: null,
        closedReason: null,
        createdBy: principal.kind === 'user' ? principal.userId : null,
      });
      await manager.save(presentation);
      await this.dues.write(
        manager,
        { presentationId: presentation.id },
        read.dues,
        await this.scheduleOf(manager, presentation),
        { cause: 'created', actor },
      );
      await manager.insert(PresentationStatusChange, {
        presentationId: presentation.id,
        at: this.clock.now(),
        action: 'create',
        fromStatus: null,
        toStatus: 'pending',
        comment: null,
        submissionId: null,
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
      });
      const speakerLink = await this.links.issue(
        manager,
        presentation,
        actor.kind === 'user' ? actor.id : null,
        conference.timeZone,
      );
      await this.audit.record(manager, actor, {
        action: 'presentation.create',
        entityType: 'presentation',
        entityId: presentation.id,
        conferenceId,
        after: { ...presentation, due: read.dues[0] },
      });
      return {
        presentation: (await this.views.responses(manager, [presentation]))[0],
        speakerLink,
        warnings: read.warnings,
      };
    });
  }

  async list(
    principal: Principal,
    conferenceId: string,
    query: PresentationListQuery,
  ): Promise<{ items: PresentationResponse[]; total: number }> {
    await this.conferences.assertCanRead(principal, conferenceId);
    const qb = this.dataSource
      .getRepository(Presentation)
      .createQueryBuilder('p')
      .where('p.conference_id = :conferenceId', { conferenceId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.clusterId) qb.andWhere('p.cluster_id = :clusterId', { clusterId: query.clusterId });
    if (query.unitId) qb.andWhere('p.unit_id = :unitId', { unitId: query.unitId });
    const [items, total] = await qb
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items: await this.views.responses(this.dataSource.manager, items), total };
  }

  async get(principal: Principal, id: string): Promise<PresentationResponse> {
    const presentation = await this.access.readable(this.dataSource.manager, principal, id);
    return (await this.views.responses(this.dataSource.manager, [presentation]))[0];
  }

  async update(
    principal: Principal,
    actor: Actor,
    id: string,
    dto: UpdatePresentationDto,
    ifMatch: IfMatch = null,
  ): Promise<{ presentation: PresentationResponse; warnings: DueWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const { presentation, conference } = await this.access.lockForChange(manager, principal, id);
      assertFresh(ifMatch, presentation.version, 'presentation');
      const before = { ...presentation };
      if (dto.unitId !== undefined) presentation.unitId = dto.unitId;
      if (dto.topic !== undefined) presentation.topic = nfc(dto.topic.trim());
      for (const key of ['personId', 'minPages', 'maxPages', 'talkMinutes', 'receivingUnitId'] as const) {
        if (dto[key] !== undefined) (presentation as unknown as Record<string, unknown>)[key] = dto[key];
      }
      if (dto.note !== undefined) presentation.note = optionalText(dto.note) ?? null;
      checkPages(presentation.minPages, presentation.maxPages);
      await manager.save(presentation);
      let warnings: DueWarning[] = [];
      if (dto.due !== undefined) {
        const read = readDues(dto.due, dueContext(conference), {
          field: 'due',
          single: true,
          refusedKinds: NOT_FOR_PAPERS,
        });
        warnings = read.warnings;
        await this.dues.write(
          manager,
          { presentationId: id },
          read.dues,
          await this.scheduleOf(manager, presentation),
          { cause: 'edited', actor },
        );
        // The due lives in its own table: a new due alone must still move the presentation's version.
        if (presentation.version === before.version) presentation.version = await touch(manager, 'presentation', id);
      }
      await this.audit.record(manager, actor, {
        action: 'presentation.update',
        entityType: 'presentation',
        entityId: id,
        conferenceId: presentation.conferenceId,
        before,
        after: { ...presentation, due: dto.due },
      });
      return { presentation: (await this.views.responses(manager, [presentation]))[0], warnings };
    });
  }

  /** Only an assignment nothing was submitted to, and that no agenda slot names, can go. */
  async remove(principal: Principal, actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { presentation } = await this.access.lockForChange(manager, principal, id);
      const [{ files, slots }] = await manager.query(
        `SELECT (SELECT count(*)::int FROM presentation_submission WHERE presentation_id = $1) AS files,
                (SELECT count(*)::int FROM agenda_slot WHERE presentation_id = $1) + (SELECT count(*)::int FROM agenda_template_slot WHERE presentation_id = $1) AS slots`,
        [id],
      );
      if (files > 0)
        throw conflict(
          'PRESENTATION_HAS_SUBMISSIONS',
          `${files} version(s) were submitted; close the assignment instead of removing it.`,
          { currentStatus: presentation.status },
        );
      if (slots > 0)
        throw conflict('PRESENTATION_ON_AGENDA', 'An agenda slot names this presentation; change the slot first.');
      await this.links.revoke(manager, id);
      await manager.delete(Presentation, { id });
      await this.audit.record(manager, actor, {
        action: 'presentation.delete',
        entityType: 'presentation',
        entityId: id,
        conferenceId: presentation.conferenceId,
        before: presentation,
      });
    });
  }

  async rotateLink(principal: Principal, actor: Actor, id: string): Promise<SpeakerLinkResponse> {
    return this.dataSource.transaction(async (manager) => {
      const { presentation, conference } = await this.access.lockForChange(manager, principal, id);
      const link = await this.links.issue(
        manager,
        presentation,
        actor.kind === 'user' ? actor.id : null,
        conference.timeZone,
      );
      await this.audit.record(manager, actor, {
        action: 'presentation.speaker_link.rotate',
        entityType: 'presentation',
        entityId: id,
        conferenceId: presentation.conferenceId,
      });
      return link;
    });
  }

  async revokeLink(principal: Principal, actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { presentation } = await this.access.lockForChange(manager, principal, id, { allowFinished: true });
      await this.links.revoke(manager, id);
      await this.audit.record(manager, actor, {
        action: 'presentation.speaker_link.revoke',
        entityType: 'presentation',
        entityId: id,
        conferenceId: presentation.conferenceId,
      });
    });
  }

  async dueHistory(principal: Principal, id: string): Promise<DueChangeResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.readable(manager, principal, id);
    const entries = await manager.find(DueEntry, { where: { presentationId: id }, select: { id: true } });
    return (
      await this.dues.history(
        manager,
        entries.map((e) => e.id),
      )
    ).map(toDueChangeResponse);
  }

  private async scheduleOf(manager: EntityManager, presentation: Presentation) {
    return presentation.clusterId
      ? scheduleOfCluster(manager, presentation.clusterId)
      : scheduleOfConference(manager, presentation.conferenceId);
  }

  private async assertCluster(manager: EntityManager, conferenceId: string, clusterId: string): Promise<void> {
    const [cluster]: { status: string }[] = await manager.query(
      `SELECT status FROM cluster WHERE id = $1 AND conference_id = $2`,
      [clusterId, conferenceId],
    );
    if (!cluster) throw unprocessable([fieldProblem('clusterId', 'reference', 'names no cluster of this conference')]);
    if (cluster.status === 'cancelled')
      throw conflict('CLUSTER_CANCELLED', 'The cluster is cancelled; it takes no presentations.');
  }
}

function checkPages(min: number | null, max: number | null): void {
  if (min !== null && max !== null && max < min)
    throw unprocessable([
      fieldProblem('maxPages', 'notBelowMin', `maxPages (${max}) must not be below minPages (${min})`),
    ]);
}

/** A paper's due is read in its conference's zone; the plan's year and date give "Quý I" its year and the warnings their reference. */
export function dueContext(conference: Conference): DueContext {
  const issued = conference.planIssuedOn;
  const year = issued
    ? Number(issued.slice(0, 4))
    : conference.windowFrom
      ? Number(conference.windowFrom.slice(0, 4))
      : undefined;
  const full = issued && /^\d{4}-\d{2}-\d{2}$/.test(issued) ? issued.split('-').map(Number) : null;
  return {
    zone: conference.timeZone,
    ...(year ? { year } : {}),
    ...(full
      ? { referenceDate: startOfDay({ year: full[0], month: full[1], day: full[2] }, conference.timeZone) }
      : {}),
  };
}
