import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import {
  BridgePointRemoved,
  BridgePointUpdated,
  ClusterCancelled,
  ClusterScheduled,
  ClusterUpdated,
  ConferenceCancelled,
  ConferenceScheduled,
  ConferenceUpdated,
} from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { InvitationFanout } from './invitation-fanout';

/** Changes of a point that change what its people's letters and calendars say. */
const POINT_PLACE_FIELDS = ['name', 'room', 'address', 'meetingLink'];
const CLUSTER_PLACE_FIELDS = ['name', 'venue', 'number'];
/** Changes of a conference that move its own invitees' place (a cluster has its own venue). */
const CONFERENCE_PLACE_FIELDS = ['venue', 'format'];

/**
 * Keeps sent invitations true, inside the transaction of each change: a move, a new title, or a
 * site's new room or link sends an update (SEQUENCE + 1, same UID) to the people it concerns and
 * no one else; a cancellation sends CANCEL; a removed point withdraws its invitations.
 */
@Injectable()
export class InvitationsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly fanout: InvitationFanout,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.on<ConferenceScheduled>('conference.scheduled', 'invitations', (e, m) => this.onScheduled(e, m));
    this.events.on<ConferenceUpdated>('conference.updated', 'invitations', (e, m) => this.onUpdated(e, m));
    this.events.on<ConferenceCancelled>('conference.cancelled', 'invitations', (e, m) =>
      this.fanout
        .run(m, e.conferenceId, { bridgePointIds: null, clusterIds: [] }, 'cancel', e.reason)
        .then(() => undefined),
    );
    this.events.on<BridgePointUpdated>('bridge_point.updated', 'invitations', (e, m) => this.onPointUpdated(e, m));
    this.events.on<BridgePointRemoved>('bridge_point.removed', 'invitations', (e, m) => this.onPointRemoved(e, m));
    this.events.on<ClusterScheduled>('cluster.scheduled', 'invitations', async (e, m) => {
      if (e.previous)
        await this.fanout.run(m, e.conferenceId, { bridgePointIds: [], clusterIds: [e.clusterId] }, 'update');
    });
    this.events.on<ClusterUpdated>('cluster.updated', 'invitations', async (e, m) => {
      if (e.changes.some((c) => CLUSTER_PLACE_FIELDS.includes(c.field)))
        await this.fanout.run(m, e.conferenceId, { bridgePointIds: [], clusterIds: [e.clusterId] }, 'update');
    });
    this.events.on<ClusterCancelled>('cluster.cancelled', 'invitations', async (e, m) => {
      await this.fanout.run(m, e.conferenceId, { bridgePointIds: [], clusterIds: [e.clusterId] }, 'cancel', e.reason);
    });
  }

  /** The first confirmation sends nothing (nothing could be sent before it); every move an update. */
  private async onScheduled(event: ConferenceScheduled, manager: EntityManager): Promise<void> {
    if (!event.previous) return;
    await this.fanout.run(manager, event.conferenceId, { bridgePointIds: null, clusterIds: [] }, 'update');
  }

  /** A new title is in every letter and calendar entry, clusters' included; so is the venue (their place). */
  private async onUpdated(event: ConferenceUpdated, manager: EntityManager): Promise<void> {
    const titled = event.changes.some((c) => c.field === 'title');
    if (!titled && !event.changes.some((c) => CONFERENCE_PLACE_FIELDS.includes(c.field))) return;
    const clusterIds = titled ? null : [];
    await this.fanout.run(manager, event.conferenceId, { bridgePointIds: null, clusterIds }, 'update');
  }

  /** One point's room or link: that point's people only. */
  private async onPointUpdated(event: BridgePointUpdated, manager: EntityManager): Promise<void> {
    if (!event.changes.some((c) => POINT_PLACE_FIELDS.includes(c.field))) return;
    await this.fanout.run(
      manager,
      event.conferenceId,
      { bridgePointIds: [event.bridgePointId], clusterIds: [] },
      'update',
    );
  }

  /**
   * The point is gone: its people are no longer invited; those who were sent the invitation get a
   * CANCEL whose letter says their invitation is withdrawn (the meeting goes on elsewhere).
   */
  private async onPointRemoved(event: BridgePointRemoved, manager: EntityManager): Promise<void> {
    const target = { bridgePointIds: [event.bridgePointId], clusterIds: [] };
    await this.fanout.run(manager, event.conferenceId, target, 'pointRemoved', null);
    await manager.query(
      `UPDATE invitation SET withdrawn_at = $2, updated_at = $2 WHERE bridge_point_id = $1 AND withdrawn_at IS NULL`,
      [event.bridgePointId, this.clock.now()],
    );
  }
}
