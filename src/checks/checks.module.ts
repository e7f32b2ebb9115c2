import { Module } from '@nestjs/common';
import { ConferencesModule } from '../conferences/conferences.module';
import { agendaChecks } from './agenda.checks';
import { bookingChecks } from './booking.checks';
import { bridgePointChecks } from './bridge-point.checks';
import { capacityChecks } from './capacity.checks';
import { ChecksController } from './checks.controller';
import { clusterChecks } from './cluster.checks';
import { ConferenceChecks } from './conference-checks';
import { dateChecks } from './date.checks';
import { dueWarningChecks } from './due-warning.checks';
import { talkTimeChecks } from './talk-time.checks';
import { taskChecks } from './task.checks';

/**
 * GET /conferences/:id/checks and its registry. Import this module and call
 * `ConferenceChecks.register(provider)` to add checks (presentations: papers due after the
 * talk, overdue, outside the page range).
 */
@Module({
  imports: [ConferencesModule],
  controllers: [ChecksController],
  providers: [ConferenceChecks],
  exports: [ConferenceChecks],
})
export class ChecksModule {
  constructor(checks: ConferenceChecks) {
    for (const provider of [
      dateChecks,
      clusterChecks,
      bookingChecks,
      agendaChecks,
      talkTimeChecks,
      bridgePointChecks,
      capacityChecks,
      taskChecks,
      dueWarningChecks,
    ])
      checks.register(provider);
  }
}
