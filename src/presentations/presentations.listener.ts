import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClusterScheduled, ConferencePostponed, ConferenceScheduled } from '../conferences/conference.events';
import { DomainEvents } from '../events/domain-events';
import { SpeakerLinks } from './speaker-links.service';

/** Speaker links expire 30 days after the event as it is now scheduled, so they follow each move. */
@Injectable()
export class PresentationsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly speakerLinks: SpeakerLinks,
  ) {}

  onModuleInit(): void {
    const follow = (event: { conferenceId: string }, manager: EntityManager) =>
      this.speakerLinks.refreshExpiry(manager, { conferenceId: event.conferenceId });
    this.events.on<ConferenceScheduled>('conference.scheduled', 'presentations', follow);
    this.events.on<ConferencePostponed>('conference.postponed', 'presentations', follow);
    this.events.on<ClusterScheduled>('cluster.scheduled', 'presentations', follow);
  }
}
