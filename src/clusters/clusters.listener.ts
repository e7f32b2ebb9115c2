import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Conference } from '../conferences/conference.entity';
import { ConferenceCancelled } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { Cluster } from './cluster.entity';
import { ClustersService } from './clusters.service';

/** A cancelled roundtable cancels its clusters, each announced, so their invitations are withdrawn. */
@Injectable()
export class ClustersListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly clusters: ClustersService,
  ) {}

  onModuleInit(): void {
    this.events.on<ConferenceCancelled>('conference.cancelled', 'clusters', (event, manager) =>
      this.cancelAll(event, manager),
    );
  }

  private async cancelAll(event: ConferenceCancelled, manager: EntityManager): Promise<void> {
    const open = await manager.find(Cluster, {
      where: { conferenceId: event.conferenceId, status: In(['scheduled', 'tentative']) },
      order: { number: 'ASC' },
    });
    if (open.length === 0) return;
    const conference = await manager.findOneByOrFail(Conference, { id: event.conferenceId });
    for (const cluster of open) await this.clusters.cancelOne(manager, event.actor, conference, cluster, event.reason);
  }
}
