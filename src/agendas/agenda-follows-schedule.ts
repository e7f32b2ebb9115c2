import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fieldProblem, unprocessable } from '../common/problem';
import { timeInZone } from '../common/zoned-time';
import { ClusterScheduled, ConferenceScheduled } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { outsideSession } from './agenda-rules';
import { AgendaStore } from './agenda-store';

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * Agendas follow their session: when a conference or a cluster moves, its slots move by the
 * same amount; a new cluster gets its agenda from the roundtable's template at its start.
 */
@Injectable()
export class AgendaFollowsSchedule implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly store: AgendaStore,
  ) {}

  onModuleInit(): void {
    this.events.on<ConferenceScheduled>('conference.scheduled', (event, manager) =>
      this.conferenceMoved(event, manager),
    );
    this.events.on<ClusterScheduled>('cluster.scheduled', (event, manager) => this.clusterScheduled(event, manager));
  }

  private async conferenceMoved(event: ConferenceScheduled, manager: EntityManager): Promise<void> {
    if (!event.previous) return;
    const minutes = minutesBetween(event.previous.startsAt, event.current.startsAt);
    if (minutes !== 0) await this.store.shiftAll(manager, event.conferenceId, null, minutes);
  }

  private async clusterScheduled(event: ClusterScheduled, manager: EntityManager): Promise<void> {
    if (event.previous) {
      const minutes = minutesBetween(event.previous.startsAt, event.current.startsAt);
      if (minutes !== 0) await this.store.shiftAll(manager, event.conferenceId, event.clusterId, minutes);
      return;
    }
    const slots = await this.store.replaceWithTemplate(
      manager,
      event.conferenceId,
      event.clusterId,
      event.current.startsAt,
    );
    const outside = outsideSession(slots, event.current);
    if (outside.length > 0) {
      const last = outside[outside.length - 1];
      throw unprocessable(
        [
          fieldProblem(
            'endsAt',
            'coversTemplate',
            `the agenda template runs until ${timeInZone(last.endsAt, event.timeZone)}, after the cluster ends (${timeInZone(event.current.endsAt, event.timeZone)})`,
          ),
        ],
        undefined,
        'AGENDA_SLOT_OUTSIDE_SESSION',
      );
    }
  }
}
