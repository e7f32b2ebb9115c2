import { Module } from '@nestjs/common';
import { ConferencesModule } from '../conferences/conferences.module';
import { PlansModule } from '../plans/plans.module';
import { agendaChecks } from './agenda.checks';
import { bookingChecks } from './booking.checks';
import { bridgePointChecks } from './bridge-point.checks';
import { capacityChecks } from './capacity.checks';
import { ChecksController } from './checks.controller';
import { clusterChecks } from './cluster.checks';
import { ConferenceChecks } from './conference-checks';
import { dateChecks } from './date.checks';
import { PlanChecksController } from './plan-checks.controller';
import { dueWarningChecks } from './due-warning.checks';
import { personBookingChecks } from './person-booking.checks';
import { pointNameChecks } from './point-name.checks';
import { reminderChecks } from './reminder.checks';
import { roundChecks } from './rounds.checks';
import { talkTimeChecks } from './talk-time.checks';
import { taskChecks } from './task.checks';
import { taskPlanChecks } from './task-plan.checks';

/**
 * GET /conferences/:id/checks and its registry. Import this module and call
 * `ConferenceChecks.register(provider)` to add checks (presentations: papers due after the
 * talk, overdue, outside the page range). GET /plans/:planId/checks runs the task-plan checks of one plan.
 */
@Module({
  imports: [ConferencesModule, PlansModule],
  controllers: [ChecksController, PlanChecksController],
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
      personBookingChecks,
      pointNameChecks,
      reminderChecks,
      taskPlanChecks,
      roundChecks,
    ])
      checks.register(provider);
  }
}
