import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferenceActionPreview } from './conference-action-preview';
import { ConferenceAccess } from './conference-access.service';
import { ConferenceAuditController } from './conference-audit.controller';
import { Conference } from './conference.entity';
import { ConferenceMember } from './conference-member.entity';
import { ConferenceMembersService } from './conference-members.service';
import { ConferenceScheduleService } from './conference-schedule.service';
import { ConferenceSummariesController } from './conference-summaries.controller';
import { ConferenceSummariesService } from './conference-summaries.service';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';
import { ScheduleChange } from './schedule-change.entity';

describeConstraint('fk_conference_organizing_unit', {
  field: 'organizingUnitId',
  message: 'names no unit of the directory',
});
describeConstraint('fk_conference_chair_person', {
  field: 'chair.personId',
  message: 'names no person of the directory',
});
describeConstraint('fk_conference_plan_issuing_unit', {
  field: 'plan.issuingUnitId',
  message: 'names no unit of the directory',
});
describeConstraint('fk_conference_member_user', { field: 'userId', message: 'names no user' });

/** Conferences, their members, their time and status. Exports ConferenceAccess for every module that hangs off a conference. */
@Module({
  imports: [TypeOrmModule.forFeature([Conference, ConferenceMember, ScheduleChange])],
  controllers: [ConferencesController, ConferenceAuditController, ConferenceSummariesController],
  providers: [
    ConferenceAccess,
    ConferencesService,
    ConferenceScheduleService,
    ConferenceActionPreview,
    ConferenceMembersService,
    ConferenceSummariesService,
  ],
  exports: [ConferenceAccess, ConferencesService, ConferenceScheduleService],
})
export class ConferencesModule {}
