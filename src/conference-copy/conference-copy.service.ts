import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { notFound } from '../common/problem';
import { nfc } from '../common/text';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { ConferenceMember } from '../conferences/conference-member.entity';
import { toConferenceResponse } from '../conferences/conferences.dto';
import { windowColumns } from '../conferences/tentative-window';
import { optionalText } from '../conferences/text-input';
import { DueStore } from '../dues/due-store';
import type { Due } from '../dues/reader';
import { CopyConferenceDto, CopyCounts } from './conference-copy.dto';
import { copyTemplate, IdMap, insertMapped, mapIds } from './copy-sql';

/**
 * Copies a conference into a new draft for another year: its own fields, points, clusters,
 * composition, agenda template, presentations and letter, in one transaction. What belongs to the
 * running of the source (invitations, answers, messages, links, readiness, audit) stays behind.
 */
@Injectable()
export class ConferenceCopyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly dues: DueStore,
    private readonly clock: Clock,
  ) {}

  async copy(principal: Principal, actor: Actor, sourceId: string, dto: CopyConferenceDto): Promise<Conference> {
    if (principal.kind !== 'user') throw notFound('conference', sourceId);
    const window = windowColumns(dto.window);
    return this.dataSource.transaction(async (manager) => {
      await this.access.assertCanRead(principal, sourceId, manager);
      const source = await manager.findOne(Conference, { where: { id: sourceId }, lock: { mode: 'pessimistic_read' } });
      if (!source) throw notFound('conference', sourceId);
      const copy = await this.insertConference(manager, principal.userId, source, dto, window);
      const counts = await this.copyParts(manager, actor, principal.userId, source, copy.id);
      await this.audit.record(manager, actor, {
        action: 'conference.copy',
        entityType: 'conference',
        entityId: copy.id,
        conferenceId: copy.id,
        after: { sourceId: source.id, sourceTitle: source.title, ...counts, conference: toConferenceResponse(copy) },
      });
      return copy;
    });
  }

  private async insertConference(
    manager: EntityManager,
    userId: string,
    source: Conference,
    dto: CopyConferenceDto,
    window: ReturnType<typeof windowColumns>,
  ): Promise<Conference> {
    const copy = manager.create(Conference, {
      title: dto.title !== undefined ? nfc(dto.title.trim()) : source.title,
      kind: source.kind,
      format: source.format,
      status: 'draft',
      organizingUnitId: source.organizingUnitId,
      chairPersonId: source.chairPersonId,
      chairText: source.chairText,
      coChairs: source.coChairs,
      venue: source.venue,
      purposes: source.purposes,
      contentItems: source.contentItems,
      fundingSource: source.fundingSource,
      planReference: source.planReference,
      planIssuedOn: source.planIssuedOn,
      planIssuingUnitId: source.planIssuingUnitId,
      citedDocuments: source.citedDocuments,
      addressees: source.addressees,
      timeZone: source.timeZone,
      ...window,
      startsAt: null,
      endsAt: null,
      calendarUid: `${randomUUID()}@convene`,
      calendarSequence: 0,
      createdBy: userId,
    });
    if (dto.plan?.reference !== undefined) copy.planReference = optionalText(dto.plan.reference) ?? null;
    if (dto.plan?.issuedOn !== undefined) copy.planIssuedOn = dto.plan.issuedOn;
    if (dto.plan?.issuingUnitId !== undefined) copy.planIssuingUnitId = dto.plan.issuingUnitId;
    await manager.save(copy);
    await manager.insert(ConferenceMember, {
      conferenceId: copy.id,
      userId,
      role: 'owner',
      addedAt: this.clock.now(),
      addedBy: userId,
    });
    return copy;
  }

  private async copyParts(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    source: Conference,
    copyId: string,
  ): Promise<CopyCounts> {
    const ids = { from: source.id, to: copyId };
    const points = await mapIds(manager, 'bridge_point', source.id);
    const clusters = await mapIds(manager, 'cluster', source.id);
    const presentations = await mapIds(manager, 'presentation', source.id);
    const bridgePoints = await insertMapped(manager, 'bridgePoints', ids, { points });
    await insertMapped(manager, 'clusters', ids, { clusters }, [this.clock.now()]);
    await insertMapped(manager, 'clusterUnits', ids, { clusters });
    const compositionRules = await insertMapped(manager, 'compositionRules', ids, { points, clusters });
    await insertMapped(manager, 'presentations', ids, { clusters, presentations }, [userId]);
    const templateSlots = await copyTemplate(manager, ids, presentations);
    const dues = await this.copyDues(manager, actor, presentations);
    const letter = await insertMapped(manager, 'letter', ids, {});
    return {
      bridgePoints,
      clusters: clusters.size,
      compositionRules,
      templateSlots,
      presentations: presentations.size,
      ...dues,
      letter: letter > 0,
    };
  }

  /**
   * Every presentation has its due. A relative one ("trước 03 ngày diễn ra Hội nghị") means the same
   * next year: it stays unresolved until the copy is scheduled. One on a calendar date belonged to
   * the source's year; it is copied as written, for the organizer to set again (counted in the
   * audit entry as datedDues, and already past, so the digest lists it as overdue until then).
   */
  private async copyDues(
    manager: EntityManager,
    actor: Actor,
    presentations: IdMap,
  ): Promise<{ relativeDues: number; datedDues: number }> {
    if (presentations.size === 0) return { relativeDues: 0, datedDues: 0 };
    const rows: { presentation_id: string; kind: string; due: Due }[] = await manager.query(
      `SELECT presentation_id, kind, due FROM due_entry WHERE presentation_id = ANY($1::uuid[]) ORDER BY presentation_id`,
      [[...presentations.keys()]],
    );
    for (const row of rows) {
      const presentationId = presentations.get(row.presentation_id)!;
      await this.dues.write(manager, { presentationId }, [row.due], null, { cause: 'created', actor });
    }
    const relativeDues = rows.filter((r) => r.kind === 'relative_to_event').length;
    return { relativeDues, datedDues: rows.length - relativeDues };
  }
}
