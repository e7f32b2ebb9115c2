import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClusterScheduled, ConferencePostponed, ConferenceScheduled } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { DueStore } from './due-store';

/**
 * Relative dues follow the schedule they hang on, inside the transaction that changes it: a
 * conference confirmed or moved resolves (or moves) the relative dues of its presentations and of
 * the tasks of plans serving it; a cluster moved, those of its presentations; a postponed
 * conference leaves them unresolved until it has a date again. Each change lands in the due's
 * history with the actor and the reason of the schedule change.
 */
@Injectable()
export class DuesListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly store: DueStore,
  ) {}

  onModuleInit(): void {
    this.events.on<ConferenceScheduled>('conference.scheduled', 'dues', (event, manager) =>
      this.conferenceScheduled(event, manager),
    );
    this.events.on<ConferencePostponed>('conference.postponed', 'dues', (event, manager) =>
      this.conferencePostponed(event, manager),
    );
    this.events.on<ClusterScheduled>('cluster.scheduled', 'dues', (event, manager) =>
      this.clusterScheduled(event, manager),
    );
  }

  private async conferenceScheduled(event: ConferenceScheduled, manager: EntityManager): Promise<void> {
    const entries = await this.store.relativeOfConference(manager, event.conferenceId);
    const schedule = { start: event.current.startsAt, end: event.current.endsAt };
    await this.store.resolveAll(manager, entries, schedule, {
      cause: 'conference_scheduled',
      actor: event.actor,
      reason: event.reason,
    });
  }

  private async conferencePostponed(event: ConferencePostponed, manager: EntityManager): Promise<void> {
    const entries = await this.store.relativeOfConference(manager, event.conferenceId);
    await this.store.resolveAll(manager, entries, null, {
      cause: 'conference_postponed',
      actor: event.actor,
      reason: event.reason,
    });
  }

  private async clusterScheduled(event: ClusterScheduled, manager: EntityManager): Promise<void> {
    const entries = await this.store.relativeOfCluster(manager, event.clusterId);
    const schedule = { start: event.current.startsAt, end: event.current.endsAt };
    await this.store.resolveAll(manager, entries, schedule, {
      cause: 'cluster_scheduled',
      actor: event.actor,
      reason: event.reason,
    });
  }
}
