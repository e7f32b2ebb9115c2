import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { ConferencesModule } from '../conferences/conferences.module';
import type { DomainEvent } from '../events/domain-events';
import { DomainEvents } from '../events/domain-events';
import { OutboxRenderers } from '../outbox/outbox-renderers';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxService } from '../outbox/outbox.service';
import { ConferenceReminderRenderer } from './conference-reminder.renderer';
import { DeadlineReminderRenderer } from './deadline-reminder.renderer';
import { DigestRenderer } from './digest.renderer';
import { DIGEST_KIND, DigestService } from './digest.service';
import { ReadinessReminderRenderer } from './readiness-reminder.renderer';
import { ReminderFanout } from './reminder-fanout';
import { ReminderPlanner } from './reminder-planner';
import { REMINDER_KINDS } from './reminder-plan';
import { ReminderSettings } from './reminder-settings.entity';
import { outboxKind } from './reminder-sources';
import { ReminderScheduler, ReminderTicks } from './reminder-ticks';
import { SLOT_REASONS } from './reminder.reasons';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/** Changes after which a conference's reminders are replanned in the same transaction. */
const REPLAN_ON = ['conference.scheduled', 'conference.postponed', 'conference.cancelled', 'bridge_point.updated'];

/**
 * Reminders and digests on the outbox. A conference's reminders go to those the invitations
 * module still expects (its SQL, see reminder-audiences.ts) and the coordinators of the points;
 * `ReminderTicks.run(now)` is one tick.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderSettings]), ConferencesModule, OutboxModule],
  controllers: [RemindersController],
  providers: [ReminderPlanner, ReminderFanout, DigestService, ReminderTicks, ReminderScheduler, RemindersService],
  exports: [ReminderTicks, ReminderPlanner],
})
export class RemindersModule implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderers: OutboxRenderers,
    private readonly events: DomainEvents,
    private readonly planner: ReminderPlanner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.renderers.register(outboxKind('conference'), new ConferenceReminderRenderer(this.dataSource));
    this.renderers.register(outboxKind('readiness'), new ReadinessReminderRenderer(this.dataSource));
    this.renderers.register(outboxKind('deadline'), new DeadlineReminderRenderer(this.dataSource));
    this.renderers.register(DIGEST_KIND, new DigestRenderer(this.dataSource));
    for (const type of REPLAN_ON) this.events.on(type, (event, manager) => this.replan(event, manager));
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
