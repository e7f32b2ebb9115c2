import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { assertFresh, currentVersion, IfMatch } from '../common/etag';
import { nfc } from '../common/text';
import { DEFAULT_TIME_ZONE } from '../common/zoned-time';
import { DomainEvents } from '../events/domain-events';
import { ConferenceAccess } from './conference-access.service';
import { Conference } from './conference.entity';
import { ChangedField, changedFields, ConferenceUpdated } from './conference.events';
import { ConferenceMember } from './conference-member.entity';
import { windowColumns } from './tentative-window';
import { optionalText } from './text-input';
import { assertRoundLink, assertRoundsFollow, roundsOf, RoundResponse } from './conference-rounds';
import {
  addressees,
  assertPeopleExist,
  assertUnitsExist,
  assertVenueFits,
  citedDocuments,
  coChairs,
  venue,
} from './plan-facts';
import {
  ChairDto,
  ConferenceListQuery,
  CreateConferenceDto,
  PlanDto,
  toConferenceResponse,
  UpdateConferenceDto,
  WindowDto,
} from './conferences.dto';

/** The fields `conference.updated` reports, in the order they are listed. */
const TRACKED_FIELDS = [
  'title',
  'kind',
  'format',
  'organizingUnitId',
  'chairPersonId',
  'chairText',
  'coChairs',
  'purposes',
  'contentItems',
  'fundingSource',
  'planReference',
  'planIssuedOn',
  'planIssuingUnitId',
  'citedDocuments',
  'addressees',
  'venue',
  'mainConferenceId',
  'roundLabel',
  'timeZone',
  'windowFrom',
  'windowTo',
  'windowNote',
] as const;

/** Creating, reading, listing and editing conferences. Their time has its own flows (ConferenceScheduleService). */
@Injectable()
export class ConferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, actor: Actor, dto: CreateConferenceDto): Promise<Conference> {
    if (principal.kind !== 'user') throw notFound('conference');
    return this.dataSource.transaction(async (manager) => {
      const conference = manager.create(Conference, {
        title: nfc(dto.title.trim()),
        kind: dto.kind,
        format: dto.format,
        status: 'draft',
        timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
        purposes: [],
        contentItems: [],
        citedDocuments: [],
        addressees: [],
        venue: null,
        mainConferenceId: null,
        roundLabel: null,
        calendarUid: `${randomUUID()}@convene`,
        calendarSequence: 0,
        createdBy: principal.userId,
      });
      this.apply(conference, dto);
      assertVenueFits(conference.format, conference.venue);
      // A round is organized where its main event is, unless the request says otherwise (then checked).
      if (dto.mainConferenceId && dto.organizingUnitId === undefined)
        conference.organizingUnitId = await this.organizerOf(manager, principal, dto.mainConferenceId);
      await assertRoundLink(manager, this.access, principal, conference);
      await assertUnitsExist(manager, conference.addressees ?? []);
      await assertPeopleExist(manager, conference.coChairs ?? []);
      await manager.save(conference);
      await manager.insert(ConferenceMember, {
        conferenceId: conference.id,
        userId: principal.userId,
        role: 'owner',
        addedAt: this.clock.now(),
        addedBy: principal.userId,
      });
      await this.audit.record(manager, actor, {
        action: 'conference.create',
        entityType: 'conference',
        entityId: conference.id,
        conferenceId: conference.id,
        after: toConferenceResponse(conference),
      });
      return conference;
    });
  }

  async get(principal: Principal, id: string): Promise<Conference> {
    await this.access.assertCanRead(principal, id);
    const conference = await this.dataSource.getRepository(Conference).findOneBy({ id });
    if (!conference) throw notFound('conference', id);
    return conference;
  }

  /** The rounds of a main event, for its GET. */
  async rounds(principal: Principal, id: string): Promise<RoundResponse[]> {
    return roundsOf(this.dataSource.manager, principal, id);
  }

  async list(principal: Principal, query: ConferenceListQuery): Promise<[Conference[], number]> {
    const qb = this.dataSource.getRepository(Conference).createQueryBuilder('c');
    this.access.restrictToVisible(qb, principal, 'c');
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    return qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.id').take(query.limit).skip(query.offset).getManyAndCount();
  }

  async update(
    principal: Principal,
    actor: Actor,
    id: string,
    dto: UpdateConferenceDto,
    ifMatch: IfMatch = null,
  ): Promise<Conference> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, id);
      assertFresh(ifMatch, conference.version, 'conference');
      const before = { ...conference };
      if (dto.title !== undefined) conference.title = nfc(dto.title.trim());
      if (dto.kind !== undefined && dto.kind !== conference.kind) await this.assertKindChangeable(manager, conference);
      if (dto.kind !== undefined) conference.kind = dto.kind;
      if (dto.format !== undefined) conference.format = dto.format;
      if (dto.timeZone !== undefined) conference.timeZone = dto.timeZone;
      this.apply(conference, dto);
      assertVenueFits(conference.format, conference.venue);
      if (dto.mainConferenceId !== undefined || dto.organizingUnitId !== undefined)
        await assertRoundLink(manager, this.access, principal, conference);
      if (dto.organizingUnitId !== undefined) await assertRoundsFollow(manager, conference);
      if (dto.addressees) await assertUnitsExist(manager, conference.addressees);
      if (dto.coChairs) await assertPeopleExist(manager, conference.coChairs);
      const changes = changedFields(before, conference, [...TRACKED_FIELDS]);
      if (changes.length === 0) return conference;
      await manager.save(conference);
      await this.audit.record(manager, actor, {
        action: 'conference.update',
        entityType: 'conference',
        entityId: id,
        conferenceId: id,
        before: toConferenceResponse(before),
        after: toConferenceResponse(conference),
      });
      await this.publishUpdated(manager, actor, conference, changes);
      conference.version = await currentVersion(manager, 'conference', id);
      return conference;
    });
  }

  private async publishUpdated(
    manager: EntityManager,
    actor: Actor,
    conference: Conference,
    changes: ChangedField[],
  ): Promise<void> {
    const event: ConferenceUpdated = {
      type: 'conference.updated',
      conferenceId: conference.id,
      timeZone: conference.timeZone,
      actor,
      at: this.clock.now(),
      changes,
    };
    await this.events.publish(manager, event);
  }

  /** A roundtable's clusters and template belong to it: it stays a roundtable while it has them. */
  private async assertKindChangeable(manager: EntityManager, conference: Conference): Promise<void> {
    if (conference.kind !== 'roundtable') return;
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM cluster WHERE conference_id = $1`, [
      conference.id,
    ]);
    if (count > 0)
      throw conflict(
        'CONFERENCE_HAS_CLUSTERS',
        `The roundtable has ${count} cluster(s); remove them before changing its kind.`,
      );
  }

  /** Copies the optional parts of a create or update request; undefined keeps, null clears. */
  private apply(conference: Conference, dto: CreateConferenceDto | UpdateConferenceDto): void {
    if (dto.organizingUnitId !== undefined) conference.organizingUnitId = dto.organizingUnitId;
    if (dto.purposes !== undefined) conference.purposes = dto.purposes.map((p) => nfc(p.trim())).filter(Boolean);
    if (dto.contentItems !== undefined)
      conference.contentItems = dto.contentItems.map((p) => nfc(p.trim())).filter(Boolean);
    if (dto.fundingSource !== undefined) conference.fundingSource = optionalText(dto.fundingSource)!;
    if (dto.chair) this.applyChair(conference, dto.chair);
    if (dto.coChairs) conference.coChairs = coChairs(dto.coChairs);
    if (dto.plan) this.applyPlan(conference, dto.plan);
    if (dto.window !== undefined) this.applyWindow(conference, dto.window);
    if (dto.citedDocuments) conference.citedDocuments = citedDocuments(dto.citedDocuments);
    if (dto.addressees) conference.addressees = addressees(dto.addressees);
    if (dto.venue !== undefined) conference.venue = venue(dto.venue);
    this.applyRound(conference, dto);
  }

  /** Unlinking a round drops its label; a label alone names nothing. */
  private applyRound(conference: Conference, dto: CreateConferenceDto | UpdateConferenceDto): void {
    if (dto.mainConferenceId !== undefined) conference.mainConferenceId = dto.mainConferenceId;
    if (dto.roundLabel !== undefined) conference.roundLabel = optionalText(dto.roundLabel) ?? null;
    if (dto.mainConferenceId === null && dto.roundLabel === undefined) conference.roundLabel = null;
    if (conference.roundLabel && !conference.mainConferenceId)
      throw unprocessable([fieldProblem('roundLabel', 'requiresMain', 'a round label needs mainConferenceId')]);
  }

  /** The main event's organizing unit (404 first if the caller cannot see it). */
  private async organizerOf(manager: EntityManager, principal: Principal, mainId: string): Promise<string | null> {
    await this.access.assertCanRead(principal, mainId, manager);
    const [row]: { organizing_unit_id: string | null }[] = await manager.query(
      `SELECT organizing_unit_id FROM conference WHERE id = $1`,
      [mainId],
    );
    return row.organizing_unit_id;
  }

  private applyChair(conference: Conference, chair: ChairDto): void {
    if (chair.personId !== undefined) conference.chairPersonId = chair.personId;
    if (chair.text !== undefined) conference.chairText = optionalText(chair.text)!;
  }

  private applyPlan(conference: Conference, plan: PlanDto): void {
    if (plan.reference !== undefined) conference.planReference = optionalText(plan.reference)!;
    if (plan.issuedOn !== undefined) conference.planIssuedOn = plan.issuedOn;
    if (plan.issuingUnitId !== undefined) conference.planIssuingUnitId = plan.issuingUnitId;
  }

  private applyWindow(conference: Conference, window: WindowDto | null): void {
    Object.assign(conference, windowColumns(window));
  }
}
