import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { conflict, FieldProblem, fieldProblem, notFound, unprocessable } from '../common/problem';
import { assertFresh, IfMatch } from '../common/etag';
import { nfc } from '../common/text';
import { optionalText } from '../conferences/text-input';
import { isoInZone, timeInZone } from '../common/zoned-time';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { allPerformers, applySlotContent, assertPerformersExist, namesOf } from './agenda-content';
import {
  addMinutes,
  allowedSpan,
  durationMinutes,
  findGaps,
  findOverlaps,
  isInside,
  localDay,
  pushFollowing,
  Span,
} from './agenda-rules';
import { AgendaSlotRules } from './agenda-slot-rules';
import { AgendaSlot } from './agenda-slot.entity';
import { AgendaScope, AgendaStore } from './agenda-store';
import { AGENDA_PROBLEMS } from './agenda.messages';
import { AgendaResponse, InsertSlotDto, ShiftAgendaDto, toSlotResponse, UpdateSlotDto } from './agendas.dto';

/**
 * An agenda (a conference's own, or one cluster's): read it, insert, move, resize and remove
 * slots, shift it whole, re-instantiate it from the template. Every write leaves no overlap and
 * no slot outside the session among the slots it touched; gaps are reported, not refused.
 */
@Injectable()
export class AgendasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly store: AgendaStore,
    private readonly rules: AgendaSlotRules,
  ) {}

  async view(
    principal: Principal,
    conferenceId: string,
    clusterId: string | null,
  ): Promise<{ scope: AgendaScope; response: AgendaResponse }> {
    await this.access.assertCanRead(principal, conferenceId);
    const manager = this.dataSource.manager;
    const conference = await manager.findOneByOrFail(Conference, { id: conferenceId });
    const scope = await this.store.scope(manager, conference, clusterId);
    return { scope, response: await this.response(manager, scope) };
  }

  async insert(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    clusterId: string | null,
    dto: InsertSlotDto,
  ): Promise<AgendaResponse> {
    return this.write(principal, conferenceId, clusterId, async (manager, scope, slots) => {
      const startsAt = new Date(dto.startsAt);
      const endsAt = endOf(startsAt, dto.endsAt, dto.durationMinutes);
      const slot = manager.create(AgendaSlot, {
        conferenceId,
        clusterId,
        startsAt,
        endsAt,
        title: nfc(dto.title.trim()),
        kind: dto.kind,
        presentationId: null,
        note: null,
      });
      applyContent(slot, dto);
      const moved = dto.pushFollowing ? this.push(slots, { ...slot, id: '' }) : [];
      await this.validate(manager, scope, [...slots, slot], [slot, ...moved]);
      await manager.save([slot, ...moved]);
      await this.audit.record(manager, actor, {
        action: 'agenda.slot.insert',
        entityType: 'agenda_slot',
        entityId: slot.id,
        conferenceId,
        after: { ...slot, moved: moved.map((m) => m.id) },
      });
    });
  }

  async update(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    clusterId: string | null,
    slotId: string,
    dto: UpdateSlotDto,
    ifMatch: IfMatch = null,
  ): Promise<AgendaResponse> {
    return this.write(principal, conferenceId, clusterId, async (manager, scope, slots) => {
      const slot = slots.find((s) => s.id === slotId);
      if (!slot) throw notFound('agenda slot', slotId);
      assertFresh(ifMatch, slot.version, 'agenda slot');
      const before = { ...slot };
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : slot.startsAt;
      // A move without a new end keeps the slot's length.
      const keepLength =
        dto.endsAt === undefined && dto.durationMinutes === undefined ? durationMinutes(slot) : undefined;
      slot.startsAt = startsAt;
      slot.endsAt = endOf(startsAt, dto.endsAt, dto.durationMinutes ?? keepLength);
      if (dto.title !== undefined) slot.title = nfc(dto.title.trim());
      if (dto.kind !== undefined) slot.kind = dto.kind;
      applyContent(slot, dto);
      const moved = dto.pushFollowing ? this.push(slots, slot) : [];
      await this.validate(manager, scope, slots, [slot, ...moved]);
      await manager.save([slot, ...moved]);
      await this.audit.record(manager, actor, {
        action: 'agenda.slot.update',
        entityType: 'agenda_slot',
        entityId: slotId,
        conferenceId,
        before,
        after: { ...slot, moved: moved.map((m) => m.id) },
      });
    });
  }

  async remove(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    clusterId: string | null,
    slotId: string,
  ): Promise<AgendaResponse> {
    return this.write(principal, conferenceId, clusterId, async (manager, _scope, slots) => {
      const slot = slots.find((s) => s.id === slotId);
      if (!slot) throw notFound('agenda slot', slotId);
      await manager.delete(AgendaSlot, { id: slotId });
      await this.audit.record(manager, actor, {
        action: 'agenda.slot.remove',
        entityType: 'agenda_slot',
        entityId: slotId,
        conferenceId,
        before: slot,
      });
    });
  }

  /** Moves every slot by the same number of minutes; all must stay inside the session. */
  async shift(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    clusterId: string | null,
    dto: ShiftAgendaDto,
  ): Promise<AgendaResponse> {
    return this.write(principal, conferenceId, clusterId, async (manager, scope, slots) => {
      for (const slot of slots)
        Object.assign(slot, {
          startsAt: addMinutes(slot.startsAt, dto.minutes),
          endsAt: addMinutes(slot.endsAt, dto.minutes),
        });
      await this.validate(manager, scope, slots, slots);
      await this.store.shiftAll(manager, conferenceId, clusterId, dto.minutes);
      await this.audit.record(manager, actor, {
        action: 'agenda.shift',
        entityType: clusterId ? 'cluster' : 'conference',
        entityId: clusterId ?? conferenceId,
        conferenceId,
        after: { minutes: dto.minutes },
      });
    });
  }

  /** Replaces the slots with the conference's template placed at the session start. */
  async applyTemplate(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    clusterId: string | null,
  ): Promise<AgendaResponse> {
    return this.write(principal, conferenceId, clusterId, async (manager, scope) => {
      const template = await this.store.template(manager, conferenceId);
      if (template.length === 0)
        throw conflict(
          'AGENDA_TEMPLATE_EMPTY',
          'The conference has no agenda template to apply; PUT one at /conferences/:id/agenda-template.',
        );
      const slots = await this.store.replaceWithTemplate(manager, conferenceId, clusterId, scope.session!.startsAt);
      await this.validate(manager, scope, slots, slots);
      await this.audit.record(manager, actor, {
        action: 'agenda.apply_template',
        entityType: clusterId ? 'cluster' : 'conference',
        entityId: clusterId ?? conferenceId,
        conferenceId,
        after: { slots: slots.length },
      });
    });
  }

  /** Refuses overlaps and slots outside the session among `changed`, and what other modules' rules refuse. */
  async validate(manager: EntityManager, scope: AgendaScope, all: AgendaSlot[], changed: AgendaSlot[]): Promise<void> {
    const zone = scope.conference.timeZone;
    const session = scope.session!;
    const touched = new Set(changed);
    const problems: FieldProblem[] = [];
    for (const [a, b] of findOverlaps(all)) {
      if (!touched.has(a) && !touched.has(b)) continue;
      const [mine, other] = touched.has(b) ? [b, a] : [a, b];
      problems.push(
        fieldProblem(
          'startsAt',
          'noOverlap',
          AGENDA_PROBLEMS.overlap(
            mine.title,
            other.title,
            timeInZone(other.startsAt, zone),
            timeInZone(other.endsAt, zone),
          ),
        ),
      );
    }
    const code = problems.length > 0 ? 'AGENDA_SLOT_OVERLAP' : 'AGENDA_SLOT_OUTSIDE_SESSION';
    for (const slot of changed) {
      const span = allowedSpan(slot.kind, session);
      if (!isInside(slot, session))
        problems.push(
          fieldProblem(
            'startsAt',
            'insideSession',
            AGENDA_PROBLEMS.outside(slot.title, timeInZone(span.startsAt, zone), timeInZone(span.endsAt, zone)),
          ),
        );
    }
    if (problems.length > 0) throw unprocessable(problems, undefined, code);
    await assertPerformersExist(
      manager,
      changed.map((slot) => ({ slot, prefix: '' })),
    );
    const ruled = await this.rules.problems(changed, manager);
    if (ruled.length > 0) throw unprocessable(ruled);
  }

  private push(slots: AgendaSlot[], changed: AgendaSlot): AgendaSlot[] {
    const moves = pushFollowing(
      slots.filter((s) => s !== changed),
      changed,
    );
    return slots.filter((s) => moves.has(s.id)).map((s) => Object.assign(s, moves.get(s.id)));
  }

  private async write(
    principal: Principal,
    conferenceId: string,
    clusterId: string | null,
    change: (manager: EntityManager, scope: AgendaScope, slots: AgendaSlot[]) => Promise<void>,
  ): Promise<AgendaResponse> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      const scope = await this.store.scope(manager, conference, clusterId);
      if (!scope.session && scope.cluster)
        throw conflict(
          'CLUSTER_NOT_SCHEDULED',
          `Cluster ${scope.cluster.number} has only a tentative window; confirm its time (POST …/clusters/:id/schedule) before writing its agenda.`,
          { currentStatus: scope.cluster.status },
        );
      if (!scope.session)
        throw conflict(
          'CONFERENCE_NOT_SCHEDULED',
          'The conference has no confirmed time yet; schedule it before writing its agenda (the template can be written now).',
          { currentStatus: conference.status },
        );
      if (scope.cluster?.status === 'cancelled')
        throw conflict('CLUSTER_CANCELLED', 'The cluster is cancelled; its agenda can no longer be changed.');
      await change(manager, scope, await this.store.entities(manager, conferenceId, clusterId));
      return this.response(manager, scope);
    });
  }

  async response(manager: EntityManager, scope: AgendaScope): Promise<AgendaResponse> {
    const zone = scope.conference.timeZone;
    const rows = await this.store.rows(manager, scope.conference.id, scope.cluster?.id ?? null);
    const gaps = scope.session ? findGaps(rows, scope.session, localDay(zone)) : [];
    const names = await namesOf(manager, allPerformers(rows));
    return {
      conferenceId: scope.conference.id,
      clusterId: scope.cluster?.id ?? null,
      title: scope.conference.title,
      timeZone: zone,
      session: scope.session ? zoneSpan(scope.session, zone) : null,
      slots: rows.map((r) => toSlotResponse(r, zone, names)),
      gaps: gaps.map((g) => ({ ...zoneSpan(g, zone), minutes: durationMinutes(g) })),
    };
  }
}

const zoneSpan = (span: Span, zone: string) => ({
  startsAt: isoInZone(span.startsAt, zone),
  endsAt: isoInZone(span.endsAt, zone),
});

function endOf(startsAt: Date, endsAt: string | undefined, minutes: number | undefined): Date {
  const end = endsAt ? new Date(endsAt) : minutes !== undefined ? addMinutes(startsAt, minutes) : undefined;
  if (!end) throw unprocessable([fieldProblem('endsAt', 'required', AGENDA_PROBLEMS.endRequired)]);
  if (end <= startsAt) throw unprocessable([fieldProblem('endsAt', 'afterStart', AGENDA_PROBLEMS.endAfterStart)]);
  return end;
}

function applyContent(slot: AgendaSlot, dto: InsertSlotDto | UpdateSlotDto): void {
  applySlotContent(slot, dto);
  if (dto.presentationId !== undefined) slot.presentationId = dto.presentationId;
  if (dto.note !== undefined) slot.note = optionalText(dto.note)!;
}
