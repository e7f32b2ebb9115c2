import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConferencesModule } from '../conferences/conferences.module';
import { OutboxRenderers } from '../outbox/outbox-renderers';
import { OutboxModule } from '../outbox/outbox.module';
import { ConferenceReminderRenderer } from './conference-reminder.renderer';
import { DeadlineReminderRenderer } from './deadline-reminder.renderer';
import { DigestRenderer } from './digest.renderer';
import { DIGEST_KIND, DigestService } from './digest.service';
import { ReadinessReminderRenderer } from './readiness-reminder.renderer';
import { ReminderFanout } from './reminder-fanout';
import { ReminderPlanner } from './reminder-planner';
import { ReminderSettings } from './reminder-settings.entity';
import { outboxKind } from './reminder-sources';
import { ReminderScheduler, ReminderTicks } from './reminder-ticks';
import { RemindersController } from './reminders.controller';
import { RemindersListener } from './reminders.listener';
import { RemindersService } from './reminders.service';

/**
 * Reminders and digests on the outbox. A conference's reminders go to those the invitations
 * module still expects (its SQL, see reminder-audiences.ts) and the coordinators of the points;
 * `ReminderTicks.run(now)` is one tick.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReminderSettings]), ConferencesModule, OutboxModule],
  controllers: [RemindersController],
  providers: [
    ReminderPlanner,
    ReminderFanout,
    DigestService,
    ReminderTicks,
    ReminderScheduler,
    RemindersService,
    RemindersListener,
  ],
  exports: [ReminderTicks, ReminderPlanner],
})
export class RemindersModule implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderers: OutboxRenderers,
  ) {}

  onModuleInit(): void {
    this.renderers.register(outboxKind('conference'), new ConferenceReminderRenderer(this.dataSource));
    this.renderers.register(outboxKind('readiness'), new ReadinessReminderRenderer(this.dataSource));
    this.renderers.register(outboxKind('deadline'), new DeadlineReminderRenderer(this.dataSource));
    this.renderers.register(DIGEST_KIND, new DigestRenderer(this.dataSource));
  }
}
