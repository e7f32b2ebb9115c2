import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { windowColumns } from '../conferences/tentative-window';
import { optionalText } from '../conferences/text-input';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { changedFields, ClusterCancelled, ClusterScheduled, ClusterUpdated } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { Cluster } from './cluster.entity';
import {
  CancelClusterDto,
  ClusterWithUnits,
  CreateClusterDto,
  ScheduleClusterDto,
  toClusterResponse,
  UpdateClusterDto,
} from './clusters.dto';
import { assertFresh, IfMatch, touch } from '../common/etag';

const MINUTE = 60_000;
const TRACKED = [
  'name',
  'hostUnitId',
  'venue',
  'unitIds',
  'minAttendees',
  'maxAttendees',
  'windowFrom',
  'windowTo',
  'windowNote',
] as const;

/**
 * The clusters of a roundtable: each its own time, host, venue, units and attendance. A cluster
 * may start tentative, with only a window, and be confirmed later by `schedule`. A cluster gets
 * its agenda from the template when it gets its time (the agendas module reacts to cluster.scheduled).
 */
@Injectable()
export class ClustersService {
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
    dto: CreateClusterDto,
  ): Promise<[ClusterWithUnits, Conference]> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      if (conference.kind !== 'roundtable')
        throw conflict(
          'CONFERENCE_NOT_ROUNDTABLE',
          `Only a roundtable has clusters; this conference is a ${conference.kind}.`,
        );
      const time = await this.timeOf(manager, conferenceId, dto);
      const cluster = manager.create(Cluster, {
        conferenceId,
        number: dto.number,
        ...time,
        status: time.startsAt ? 'scheduled' : 'tentative',
        scheduledAt: this.clock.now(),
        calendarUid: `${randomUUID()}@convene`,
        calendarSequence: 0,
      });
      this.apply(cluster, dto);
      await manager.save(cluster);
      const withUnits = await this.setUnits(manager, cluster, dto.unitIds ?? []);
      await this.audit.record(manager, actor, {
        action: 'cluster.create',
        entityType: 'cluster',
        entityId: cluster.id,
        conferenceId,
        after: toClusterResponse(withUnits, conference.timeZone),
      });
      // A tentative cluster has no time to announce, nor an agenda to place: both come when it is confirmed.
      if (cluster.startsAt) await this.publishScheduled(manager, actor, conference, cluster, null, null);
      return [withUnits, conference];
    });
  }

  async list(principal: Principal, conferenceId: string): Promise<[ClusterWithUnits[], Conference]> {
    await this.access.assertCanRead(principal, conferenceId);
    const manager = this.dataSource.manager;
    const clusters = await manager.find(Cluster, { where: { conferenceId }, order: { number: 'ASC' } });
    return [await this.withUnits(manager, clusters), await manager.findOneByOrFail(Conference, { id: conferenceId })];
  }

  async get(principal: Principal, conferenceId: string, id: string): Promise<[ClusterWithUnits, Conference]> {
    await this.access.assertCanRead(principal, conferenceId);
    const manager = this.dataSource.manager;
    const [cluster] = await this.withUnits(manager, [await this.find(manager, conferenceId, id)]);
    return [cluster, await manager.findOneByOrFail(Conference, { id: conferenceId })];
  }

  async update(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: UpdateClusterDto,
    ifMatch: IfMatch = null,
  ): Promise<[ClusterWithUnits, Conference]> {
    return this.change(principal, conferenceId, id, async (manager, conference, cluster) => {
      assertFresh(ifMatch, cluster.version, 'cluster');
      const [before] = await this.withUnits(manager, [{ ...cluster }]);
      this.apply(cluster, dto);
      await manager.save(cluster);
      const after = dto.unitIds
        ? await this.setUnits(manager, cluster, dto.unitIds)
        : { ...cluster, unitIds: before.unitIds };
      const changes = changedFields(before, after, [...TRACKED]);
      if (changes.length === 0) return after;
      // The units live in cluster_unit: a change of units alone must still move the cluster's version.
      if (after.version === before.version) after.version = await touch(manager, 'cluster', id);
      await this.audit.record(manager, actor, {
        action: 'cluster.update',
        entityType: 'cluster',
        entityId: id,
        conferenceId,
        before: toClusterResponse(before, conference.timeZone),
        after: toClusterResponse(after, conference.timeZone),
      });
      const event: ClusterUpdated = { ...this.base(actor, conference, cluster), type: 'cluster.updated', changes };
      await this.events.publish(manager, event);
      return after;
    });
  }

  /** Moves a cluster; its agenda moves with it. */
  async schedule(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: ScheduleClusterDto,
  ): Promise<[ClusterWithUnits, Conference]> {
    return this.change(principal, conferenceId, id, async (manager, conference, cluster) => {
      const previous = spanOf(cluster);
      const startsAt = new Date(dto.startsAt);
      const endsAt = dto.endsAt
        ? new Date(dto.endsAt)
        : previous
          ? new Date(startsAt.getTime() + (previous.endsAt.getTime() - previous.startsAt.getTime()))
          : await this.endFromTemplate(manager, conferenceId, startsAt);
      assertTimes(startsAt, endsAt);
      const [withUnits] = await this.withUnits(manager, [cluster]);
      if (previous?.startsAt.getTime() === startsAt.getTime() && previous.endsAt.getTime() === endsAt.getTime())
        return withUnits;
      // Confirming a tentative cluster is its first time: the agenda is placed from the template, as at creation.
      Object.assign(cluster, { startsAt, endsAt, status: 'scheduled', scheduledAt: this.clock.now() });
      await manager.save(cluster);
      await this.audit.record(manager, actor, {
        action: 'cluster.schedule',
        entityType: 'cluster',
        entityId: id,
        conferenceId,
        before: previous,
        after: { startsAt, endsAt, reason: dto.reason ?? null },
      });
      await this.publishScheduled(
        manager,
        actor,
        conference,
        cluster,
        previous,
        dto.reason ? nfc(dto.reason.trim()) : null,
      );
      return withUnits;
    });
  }

  async cancel(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    id: string,
    dto: CancelClusterDto,
  ): Promise<[ClusterWithUnits, Conference]> {
    return this.change(principal, conferenceId, id, async (manager, conference, cluster) => {
      await this.cancelOne(manager, actor, conference, cluster, nfc(dto.reason.trim()));
      return (await this.withUnits(manager, [cluster]))[0];
    });
  }

  /** Cancels one cluster and announces it; used by the endpoint and when the whole roundtable is cancelled. */
  async cancelOne(
    manager: EntityManager,
    actor: Actor,
    conference: Conference,
    cluster: Cluster,
    reason: string,
  ): Promise<void> {
    Object.assign(cluster, { status: 'cancelled', cancelReason: reason });
    await manager.save(cluster);
    await this.audit.record(manager, actor, {
      action: 'cluster.cancel',
      entityType: 'cluster',
      entityId: cluster.id,
      conferenceId: conference.id,
      after: { reason },
    });
    const event: ClusterCancelled = {
      ...this.base(actor, conference, cluster),
      type: 'cluster.cancelled',
      previous: spanOf(cluster),
      reason,
    };
    await this.events.publish(manager, event);
  }

  private async change(
    principal: Principal,
    conferenceId: string,
    id: string,
    work: (manager: EntityManager, conference: Conference, cluster: Cluster) => Promise<ClusterWithUnits>,
  ): Promise<[ClusterWithUnits, Conference]> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      const cluster = await this.find(manager, conferenceId, id);
      if (cluster.status === 'cancelled')
        throw conflict('CLUSTER_CANCELLED', `Cluster ${cluster.number} is cancelled; it can no longer be changed.`);
      const result = await work(manager, conference, cluster);
      // The invitations module raises the SEQUENCE in SQL when it sends the change: answer the raised one.
      const [row] = await manager.query(`SELECT calendar_sequence, version FROM cluster WHERE id = $1`, [id]);
      result.calendarSequence = row.calendar_sequence;
      result.version = row.version;
      return [result, conference];
    });
  }

  private async publishScheduled(
    manager: EntityManager,
    actor: Actor,
    conference: Conference,
    cluster: Cluster,
    previous: ClusterScheduled['previous'],
    reason: string | null,
  ): Promise<void> {
    const event: ClusterScheduled = {
      ...this.base(actor, conference, cluster),
      type: 'cluster.scheduled',
      previous,
      current: spanOf(cluster)!,
      reason,
    };
    await this.events.publish(manager, event);
  }

  private base(actor: Actor, conference: Conference, cluster: Cluster) {
    return {
      conferenceId: conference.id,
      timeZone: conference.timeZone,
      actor,
      at: this.clock.now(),
      clusterId: cluster.id,
      clusterNumber: cluster.number,
      calendarUid: cluster.calendarUid,
    };
  }

  private apply(cluster: Cluster, dto: UpdateClusterDto): void {
    if (dto.name !== undefined) cluster.name = optionalText(dto.name)!;
    if (dto.hostUnitId !== undefined) cluster.hostUnitId = dto.hostUnitId;
    if (dto.venue !== undefined) cluster.venue = optionalText(dto.venue)!;
    if (dto.minAttendees !== undefined) cluster.minAttendees = dto.minAttendees;
    if (dto.maxAttendees !== undefined) cluster.maxAttendees = dto.maxAttendees;
    if (dto.window !== undefined) Object.assign(cluster, windowColumns(dto.window));
    cluster.name ??= null;
    cluster.hostUnitId ??= null;
    cluster.venue ??= null;
    cluster.minAttendees ??= null;
    cluster.maxAttendees ??= null;
    cluster.windowFrom ??= null;
    cluster.windowTo ??= null;
    cluster.windowNote ??= null;
    if (!cluster.startsAt && !cluster.windowFrom)
      throw unprocessable([
        fieldProblem('window', 'required', 'a cluster without a confirmed time (startsAt) needs its tentative window'),
      ]);
    if (cluster.minAttendees !== null && cluster.maxAttendees !== null && cluster.minAttendees > cluster.maxAttendees) {
      throw unprocessable([fieldProblem('maxAttendees', 'notBelowMin', 'maxAttendees must not be below minAttendees')]);
    }
  }

  /** The time a new cluster is created with: a confirmed start (and end), or none while only its window is known. */
  private async timeOf(
    manager: EntityManager,
    conferenceId: string,
    dto: CreateClusterDto,
  ): Promise<{ startsAt: Date | null; endsAt: Date | null }> {
    if (!dto.startsAt) {
      if (dto.endsAt)
        throw unprocessable([
          fieldProblem('endsAt', 'requiresStart', 'endsAt needs startsAt; a tentative cluster has only a window'),
        ]);
      if (!dto.window) throw unprocessable([fieldProblem('startsAt', 'required', 'startsAt or window is required')]);
      return { startsAt: null, endsAt: null };
    }
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : await this.endFromTemplate(manager, conferenceId, startsAt);
    assertTimes(startsAt, endsAt);
    return { startsAt, endsAt };
  }

  private async endFromTemplate(manager: EntityManager, conferenceId: string, startsAt: Date): Promise<Date> {
    const [{ minutes }] = await manager.query(
      `SELECT max(offset_minutes + duration_minutes)::int AS minutes FROM agenda_template_slot WHERE conference_id = $1`,
      [conferenceId],
    );
    if (!minutes)
      throw unprocessable([
        fieldProblem(
          'endsAt',
          'required',
          'endsAt is required when the roundtable has no agenda template to take the length from',
        ),
      ]);
    return new Date(startsAt.getTime() + minutes * MINUTE);
  }

  private async setUnits(manager: EntityManager, cluster: Cluster, unitIds: string[]): Promise<ClusterWithUnits> {
    const unique = [...new Set(unitIds.map((u) => u.toLowerCase()))];
    await manager.query(`DELETE FROM cluster_unit WHERE cluster_id = $1`, [cluster.id]);
    if (unique.length > 0) {
      await manager.query(
        `INSERT INTO cluster_unit (cluster_id, unit_id, position) SELECT $1, u, p - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, p)`,
        [cluster.id, unique],
      );
    }
    return Object.assign(cluster, { unitIds: unique });
  }

  private async withUnits(manager: EntityManager, clusters: Cluster[]): Promise<ClusterWithUnits[]> {
    const rows: { clusterId: string; unitId: string }[] = await manager.query(
      `SELECT cluster_id AS "clusterId", unit_id AS "unitId" FROM cluster_unit WHERE cluster_id = ANY($1::uuid[]) ORDER BY position`,
      [clusters.map((c) => c.id)],
    );
    return clusters.map((c) =>
      Object.assign(c, { unitIds: rows.filter((r) => r.clusterId === c.id).map((r) => r.unitId) }),
    );
  }

  private async find(manager: EntityManager, conferenceId: string, id: string): Promise<Cluster> {
    const cluster = await manager.findOneBy(Cluster, { conferenceId, id });
    if (!cluster) throw notFound('cluster', id);
    return cluster;
  }
}

const spanOf = (c: Cluster) => (c.startsAt && c.endsAt ? { startsAt: c.startsAt, endsAt: c.endsAt } : null);

function assertTimes(startsAt: Date, endsAt: Date): void {
  if (endsAt <= startsAt) throw unprocessable([fieldProblem('endsAt', 'afterStart', 'endsAt must be after startsAt')]);
}
