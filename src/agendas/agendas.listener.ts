import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { fieldProblem, unprocessable } from '../common/problem';
import { timeInZone } from '../common/zoned-time';
import { ClusterScheduled, ConferenceScheduled } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { instantiate, outsideSession } from './agenda-rules';
import { AgendaStore } from './agenda-store';

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/**
 * Agendas follow their session: when a conference or a cluster moves, its slots move by the
 * same amount; a new cluster gets its agenda from the roundtable's template at its start (checked
 * before anything is written: a template longer than the cluster refuses the cluster).
 */
@Injectable()
export class AgendasListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly store: AgendaStore,
  ) {}

  onModuleInit(): void {
    this.events.on<ConferenceScheduled>('conference.scheduled', 'agendas', (event, manager) =>
      this.conferenceMoved(event, manager),
    );
    this.events.check<ClusterScheduled>('cluster.scheduled', 'agendas', (event, manager) =>
      this.templateFits(event, manager),
    );
    this.events.on<ClusterScheduled>('cluster.scheduled', 'agendas', (event, manager) =>
      this.clusterScheduled(event, manager),
    );
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
    await this.store.replaceWithTemplate(manager, event.conferenceId, event.clusterId, event.current.startsAt);
  }

  /** A new cluster gets the roundtable's template at its start: refused when the template overruns it. */
  private async templateFits(event: ClusterScheduled, manager: EntityManager): Promise<void> {
    if (event.previous) return;
    const slots = instantiate(await this.store.template(manager, event.conferenceId), event.current.startsAt);
    const outside = outsideSession(slots, event.current);
    if (outside.length === 0) return;
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
