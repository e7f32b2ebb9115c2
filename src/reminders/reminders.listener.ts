import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainEvent, DomainEvents } from '../events/domain-events';
import { OutboxService } from '../outbox/outbox.service';
import { DIGEST_KIND } from './digest.service';
import { ReminderPlanner } from './reminder-planner';
import { REMINDER_KINDS } from './reminder-plan';
import { outboxKind } from './reminder-sources';
import { SLOT_REASONS } from './reminder.reasons';

/** Changes after which a conference's reminders are replanned in the same transaction. */
const REPLAN_ON = ['conference.scheduled', 'conference.postponed', 'conference.cancelled', 'bridge_point.updated'];

/** Reminders follow the schedule: replanned with each change, a cancelled conference's queue emptied. */
@Injectable()
export class RemindersListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly planner: ReminderPlanner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    for (const type of REPLAN_ON) this.events.on(type, 'reminders', (event, manager) => this.replan(event, manager));
  }

  /** Replans in the transaction of the change; a cancelled conference also loses its queued digests. */
  private async replan(event: DomainEvent, manager: EntityManager): Promise<void> {
    const { conferenceId } = event as DomainEvent & { conferenceId: string };
    await this.planner.reconcile(this.clock.now(), { conferenceId }, manager);
    if (event.type !== 'conference.cancelled') return;
    for (const kind of [...REMINDER_KINDS.map(outboxKind), DIGEST_KIND]) {
      await this.outbox.cancelPending(manager, { conferenceId, kind }, SLOT_REASONS.noLongerScheduled);
    }
  }
}
