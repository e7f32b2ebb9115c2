import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { DomainEvents } from '../events/domain-events';
import { ConferenceAccess } from './conference-access.service';
import { Conference } from './conference.entity';
import {
  ConferenceCancelled,
  ConferencePostponed,
  ConferenceScheduled,
  ConferenceStatusChanged,
  TimeSpan,
} from './conference.events';
import { nextStatus } from './conference-status';
import { PostponeDto, ReasonDto, ScheduleDto, toConferenceResponse } from './conferences.dto';
import { ScheduleAction, ScheduleChange } from './schedule-change.entity';
import { windowColumns } from './tentative-window';

const spanOf = (c: Conference): TimeSpan | null =>
  c.startsAt && c.endsAt ? { startsAt: c.startsAt, endsAt: c.endsAt } : null;

/**
 * A conference's time and status: confirming or moving it, postponing, cancelling, marking it
 * held and closed. Each action writes the schedule history and announces a domain event.
 */
@Injectable()
export class ConferenceScheduleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async schedule(principal: Principal, actor: Actor, id: string, dto: ScheduleDto): Promise<Conference> {
    return this.dataSource.transaction((manager) => this.scheduleIn(manager, principal, actor, id, dto));
  }

  async postpone(principal: Principal, actor: Actor, id: string, dto: PostponeDto): Promise<Conference> {
    return this.dataSource.transaction((manager) => this.postponeIn(manager, principal, actor, id, dto));
  }

  async cancel(principal: Principal, actor: Actor, id: string, dto: ReasonDto): Promise<Conference> {
    return this.dataSource.transaction((manager) => this.cancelIn(manager, principal, actor, id, dto));
  }

  /**
   * The commands' bodies, in the caller's transaction: the real command's own, or the preview's,
   * which is rolled back (so a preview runs exactly the statements the command runs).
   */
  async scheduleIn(
    manager: EntityManager,
    principal: Principal,
    actor: Actor,
    id: string,
    dto: ScheduleDto,
  ): Promise<Conference> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt)
      throw unprocessable([fieldProblem('endsAt', 'afterStart', 'endsAt must be after startsAt')]);
    const conference = await this.lock(manager, principal, id, 'schedule');
    const previous = spanOf(conference);
    const previousStatus = conference.status;
    const unchanged =
      previousStatus === 'scheduled' &&
      previous?.startsAt.getTime() === startsAt.getTime() &&
      previous.endsAt.getTime() === endsAt.getTime();
    // Asking again for the time it already has changes nothing and announces nothing.
    if (unchanged) return conference;
    const reason = dto.reason ? nfc(dto.reason.trim()) : null;
    await this.transition(manager, actor, conference, 'schedule', { startsAt, endsAt }, reason);
    const event: ConferenceScheduled = {
      ...this.base(conference, actor),
      type: 'conference.scheduled',
      previous: previousStatus === 'draft' ? null : previous,
      current: { startsAt, endsAt },
      previousStatus,
      reason,
    };
    await this.events.publish(manager, event);
    return this.withSequence(manager, conference);
  }

  async postponeIn(
    manager: EntityManager,
    principal: Principal,
    actor: Actor,
    id: string,
    dto: PostponeDto,
  ): Promise<Conference> {
    const window = dto.window ? windowColumns(dto.window) : null;
    const conference = await this.lock(manager, principal, id, 'postpone');
    const previous = spanOf(conference)!;
    if (window) Object.assign(conference, window);
    const reason = nfc(dto.reason.trim());
    await this.transition(manager, actor, conference, 'postpone', previous, reason);
    const event: ConferencePostponed = {
      ...this.base(conference, actor),
      type: 'conference.postponed',
      previous,
      reason,
      window: { from: conference.windowFrom, to: conference.windowTo, note: conference.windowNote },
    };
    await this.events.publish(manager, event);
    return conference;
  }

  async cancelIn(
    manager: EntityManager,
    principal: Principal,
    actor: Actor,
    id: string,
    dto: ReasonDto,
  ): Promise<Conference> {
    const conference = await this.lock(manager, principal, id, 'cancel');
    const previousStatus = conference.status;
    const reason = nfc(dto.reason.trim());
    await this.transition(manager, actor, conference, 'cancel', spanOf(conference), reason);
    const event: ConferenceCancelled = {
      ...this.base(conference, actor),
      type: 'conference.cancelled',
      previousStatus,
      previous: spanOf(conference),
      reason,
    };
    await this.events.publish(manager, event);
    return this.withSequence(manager, conference);
  }

  /** Marks the conference as having taken place; not before it starts. */
  async hold(principal: Principal, actor: Actor, id: string): Promise<Conference> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.lock(manager, principal, id, 'hold');
      if (conference.startsAt! > this.clock.now()) {
        throw conflict(
          'CONFERENCE_NOT_STARTED',
          'The conference has not started yet; it can be marked held once it starts.',
          { currentStatus: conference.status },
        );
      }
      return this.simpleTransition(manager, actor, conference, 'hold', 'conference.held');
    });
  }

  async close(principal: Principal, actor: Actor, id: string): Promise<Conference> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.lock(manager, principal, id, 'close');
      return this.simpleTransition(manager, actor, conference, 'close', 'conference.closed');
    });
  }

  async history(principal: Principal, id: string): Promise<{ conference: Conference; changes: ScheduleChange[] }> {
    await this.access.assertCanRead(principal, id);
    const conference = await this.dataSource.getRepository(Conference).findOneByOrFail({ id });
    const changes = await this.dataSource
      .getRepository(ScheduleChange)
      .find({ where: { conferenceId: id }, order: { id: 'ASC' } });
    return { conference, changes };
  }

  private async simpleTransition(
    manager: EntityManager,
    actor: Actor,
    conference: Conference,
    action: ScheduleAction,
    type: ConferenceStatusChanged['type'],
  ): Promise<Conference> {
    const previousStatus = conference.status;
    await this.transition(manager, actor, conference, action, spanOf(conference), null);
    const event: ConferenceStatusChanged = { ...this.base(conference, actor), type, previousStatus };
    await this.events.publish(manager, event);
    return conference;
  }

  /** Locks the conference and refuses an action its status does not allow (409 naming the status). */
  private async lock(
    manager: EntityManager,
    principal: Principal,
    id: string,
    action: ScheduleAction,
  ): Promise<Conference> {
    const conference = await this.access.lockForChange(manager, principal, id, { allowFinished: true });
    if (nextStatus(conference.status, action) === null) {
      throw conflict(
        'INVALID_STATUS_TRANSITION',
        `A conference that is ${conference.status} cannot be ${PAST[action]}.`,
        { currentStatus: conference.status, action },
      );
    }
    return conference;
  }

  private async transition(
    manager: EntityManager,
    actor: Actor,
    conference: Conference,
    action: ScheduleAction,
    to: TimeSpan | null,
    reason: string | null,
  ): Promise<void> {
    const before = toConferenceResponse(conference);
    const from = spanOf(conference);
    const fromStatus = conference.status;
    conference.status = nextStatus(fromStatus, action)!;
    if (to) Object.assign(conference, to);
    await manager.save(conference);
    await manager.insert(ScheduleChange, {
      conferenceId: conference.id,
      at: this.clock.now(),
      action,
      fromStatus,
      toStatus: conference.status,
      previousStartsAt: from?.startsAt ?? null,
      previousEndsAt: from?.endsAt ?? null,
      startsAt: to?.startsAt ?? null,
      endsAt: to?.endsAt ?? null,
      reason,
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
    });
    await this.audit.record(manager, actor, {
      action: `conference.${action}`,
      entityType: 'conference',
      entityId: conference.id,
      conferenceId: conference.id,
      before,
      after: toConferenceResponse(conference),
    });
  }

  /**
   * The conference with the calendar SEQUENCE its event raised: the invitations module raises it
   * in SQL when it sends the change, after the entity was read.
   */
  private async withSequence(manager: EntityManager, conference: Conference): Promise<Conference> {
    const [row] = await manager.query(`SELECT calendar_sequence FROM conference WHERE id = $1`, [conference.id]);
    conference.calendarSequence = row.calendar_sequence;
    return conference;
  }

  private base(conference: Conference, actor: Actor) {
    return { conferenceId: conference.id, timeZone: conference.timeZone, actor, at: this.clock.now() };
  }
}

const PAST: Record<ScheduleAction, string> = {
  schedule: 'scheduled',
  postpone: 'postponed',
  cancel: 'cancelled',
  hold: 'marked held',
  close: 'closed',
};
