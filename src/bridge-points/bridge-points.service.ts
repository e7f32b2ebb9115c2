import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { searchPatterns } from '../common/sql-params';
import { optionalText } from '../conferences/text-input';
import { DomainEvents } from '../events/domain-events';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { BridgePointRemoved, BridgePointUpdated, changedFields } from '../conferences/conference.events';
import { BridgePoint } from './bridge-point.entity';
import { Neighbours, neighboursOf } from './bridge-point-neighbours';
import {
  BridgePointListQuery,
  CreateBridgePointDto,
  ROOTS,
  ReadinessDto,
  toBridgePointResponse,
  UpdateBridgePointDto,
} from './bridge-points.dto';
import { assertFresh, currentVersion, IfMatch } from '../common/etag';

const TRACKED = [
  'name',
  'unitId',
  'room',
  'address',
  'capacity',
  'meetingLink',
  'meetingRoomId',
  'coordinatorPersonId',
  'expectedAttendance',
  'expectedAttendanceApproximate',
  'chairPersonId',
  'chairText',
  'readiness',
  'readinessTestAt',
  'readinessNote',
] as const;

/** One bridge point at a time: create, read, edit, record its connection test, remove. */
@Injectable()
export class BridgePointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: CreateBridgePointDto,
  ): Promise<[BridgePoint, Conference]> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      const role = dto.role ?? 'remote';
      const parent = role === 'host' ? null : await this.parentFor(manager, conferenceId, dto.parentId);
      if (role === 'host' && dto.parentId)
        throw unprocessable([fieldProblem('parentId', 'hostOnTop', 'the host point has no parent')]);
      if (role === 'host') await this.assertNoHost(manager, conferenceId);
      const point = manager.create(BridgePoint, {
        conferenceId,
        role,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        readiness: 'untested',
        expectedAttendanceApproximate: false,
      });
      this.apply(point, dto);
      await manager.save(point);
      await this.audit.record(manager, actor, {
        action: 'bridge_point.create',
        entityType: 'bridge_point',
        entityId: point.id,
        conferenceId,
        after: toBridgePointResponse(point, conference.timeZone),
      });
      return [point, conference];
    });
  }

  async get(principal: Principal, conferenceId: string, id: string): Promise<[BridgePoint, Conference]> {
    await this.access.assertCanRead(principal, conferenceId);
    return [await this.find(this.dataSource.manager, conferenceId, id), await this.conference(conferenceId)];
  }

  async list(
    principal: Principal,
    conferenceId: string,
    query: BridgePointListQuery,
  ): Promise<[BridgePoint[], number, Conference, Map<string, Neighbours>]> {
    await this.access.assertCanRead(principal, conferenceId);
    const qb = this.dataSource
      .getRepository(BridgePoint)
      .createQueryBuilder('p')
      .where('p.conferenceId = :conferenceId', { conferenceId });
    if (query.parentId === ROOTS) qb.andWhere('p.parentId IS NULL');
    else if (query.parentId) qb.andWhere('p.parentId = :parentId', { parentId: query.parentId });
    if (query.depth !== undefined) qb.andWhere('p.depth = :depth', { depth: query.depth });
    if (query.readiness) qb.andWhere('p.readiness = :readiness', { readiness: query.readiness });
    // search_key is the name folded by the database (migration 1765100200000), trigram-indexed.
    searchPatterns(query.q ?? '').forEach((pattern, i) =>
      qb.andWhere(`p.search_key LIKE :q${i}`, { [`q${i}`]: pattern }),
    );
    const [items, total] = await qb
      .orderBy('p.depth')
      .addOrderBy('p.name')
      .addOrderBy('p.id')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return [items, total, await this.conference(conferenceId), await neighboursOf(this.dataSource, items)];
  }

  async update(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: UpdateBridgePointDto,
    ifMatch: IfMatch = null,
  ): Promise<[BridgePoint, Conference]> {
    return this.change(principal, actor, conferenceId, id, (point) => this.apply(point, dto), ifMatch);
  }

  /** Records the connection test: scheduled at a time, passed, or failed with a note. */
  async setReadiness(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: ReadinessDto,
  ): Promise<[BridgePoint, Conference]> {
    if (dto.status === 'test_scheduled' && !dto.testAt)
      throw unprocessable([fieldProblem('testAt', 'required', 'testAt is required when a test is scheduled')]);
    if (dto.status === 'failed' && !dto.note?.trim())
      throw unprocessable([fieldProblem('note', 'required', 'note must say what failed')]);
    return this.change(principal, actor, conferenceId, id, (point) => {
      point.readiness = dto.status;
      point.readinessTestAt = dto.testAt ? new Date(dto.testAt) : dto.status === 'untested' ? null : this.clock.now();
      point.readinessNote = optionalText(dto.note) ?? null;
    });
  }

  async remove(principal: Principal, actor: Actor, conferenceId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      const point = await this.find(manager, conferenceId, id);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM bridge_point WHERE parent_id = $1`, [
        id,
      ]);
      if (count > 0)
        throw conflict(
          'BRIDGE_POINT_HAS_CHILDREN',
          `The point has ${count} point(s) below it; remove or move them first.`,
        );
      await manager.delete(BridgePoint, { id });
      await this.audit.record(manager, actor, {
        action: 'bridge_point.remove',
        entityType: 'bridge_point',
        entityId: id,
        conferenceId,
        before: toBridgePointResponse(point, conference.timeZone),
      });
      const event: BridgePointRemoved = {
        type: 'bridge_point.removed',
        conferenceId,
        timeZone: conference.timeZone,
        actor,
        at: this.clock.now(),
        bridgePointId: id,
        name: point.name,
        unitId: point.unitId,
        parentId: point.parentId,
      };
      await this.events.publish(manager, event);
    });
  }

  private async change(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    edit: (point: BridgePoint) => void,
    ifMatch: IfMatch = null,
  ): Promise<[BridgePoint, Conference]> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      const point = await this.find(manager, conferenceId, id);
      assertFresh(ifMatch, point.version, 'bridge point');
      const before = { ...point };
      edit(point);
      const changes = changedFields(before, point, [...TRACKED]);
      if (changes.length === 0) return [point, conference];
      await manager.save(point);
      await this.audit.record(manager, actor, {
        action: 'bridge_point.update',
        entityType: 'bridge_point',
        entityId: id,
        conferenceId,
        before: toBridgePointResponse(before, conference.timeZone),
        after: toBridgePointResponse(point, conference.timeZone),
      });
      const event: BridgePointUpdated = {
        type: 'bridge_point.updated',
        conferenceId,
        timeZone: conference.timeZone,
        actor,
        at: this.clock.now(),
        bridgePointId: id,
        changes,
      };
      await this.events.publish(manager, event);
      point.version = await currentVersion(manager, 'bridge_point', id);
      return [point, conference];
    });
  }

  private apply(point: BridgePoint, dto: UpdateBridgePointDto): void {
    if (dto.name !== undefined) point.name = nfc(dto.name.trim());
    if (dto.unitId !== undefined) point.unitId = dto.unitId;
    if (dto.room !== undefined) point.room = optionalText(dto.room)!;
    if (dto.address !== undefined) point.address = optionalText(dto.address)!;
    if (dto.capacity !== undefined) point.capacity = dto.capacity;
    if (dto.meetingLink !== undefined) point.meetingLink = optionalText(dto.meetingLink)!;
    if (dto.meetingRoomId !== undefined) point.meetingRoomId = optionalText(dto.meetingRoomId)!;
    if (dto.coordinatorPersonId !== undefined) point.coordinatorPersonId = dto.coordinatorPersonId;
    if (dto.expectedAttendance !== undefined) point.expectedAttendance = dto.expectedAttendance;
    if (dto.expectedAttendanceApproximate !== undefined)
      point.expectedAttendanceApproximate = dto.expectedAttendanceApproximate;
    // "About" without a number says nothing: clearing the number clears the mark.
    if (point.expectedAttendance == null) point.expectedAttendanceApproximate = false;
    if (dto.chair?.personId !== undefined) point.chairPersonId = dto.chair.personId;
    if (dto.chair?.text !== undefined) point.chairText = optionalText(dto.chair.text)!;
  }

  /** The given parent (of this conference), or by default the host point; null: top level. */
  private async parentFor(
    manager: EntityManager,
    conferenceId: string,
    parentId: string | null | undefined,
  ): Promise<BridgePoint | null> {
    if (parentId === null) return null;
    if (parentId === undefined) return manager.findOneBy(BridgePoint, { conferenceId, role: 'host' });
    const parent = await manager.findOneBy(BridgePoint, { conferenceId, id: parentId });
    if (!parent)
      throw unprocessable(
        [fieldProblem('parentId', 'reference', 'parentId names no point of this conference')],
        undefined,
        'REFERENCE_NOT_FOUND',
      );
    return parent;
  }

  private async assertNoHost(manager: EntityManager, conferenceId: string): Promise<void> {
    const host = await manager.findOneBy(BridgePoint, { conferenceId, role: 'host' });
    if (host)
      throw conflict('HOST_POINT_EXISTS', `The conference already has a host point (${host.name}).`, {
        hostPointId: host.id,
      });
  }

  private async find(manager: EntityManager, conferenceId: string, id: string): Promise<BridgePoint> {
    const point = await manager.findOneBy(BridgePoint, { conferenceId, id });
    if (!point) throw notFound('bridge point', id);
    return point;
  }

  private conference(id: string): Promise<Conference> {
    return this.dataSource.getRepository(Conference).findOneByOrFail({ id });
  }
}
