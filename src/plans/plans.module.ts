import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { ConferencesModule } from '../conferences/conferences.module';
import { DuesModule } from '../dues/dues.module';
import { PlanAccess } from './plan-access.service';
import { PlanMembersService } from './plan-members.service';
import { Plan, PlanMember } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { Task, TaskProgress, TaskUnit } from './task.entity';
import { TaskProgressService } from './task-progress.service';
import { TaskViews } from './task-views';
import { TaskWriter } from './task-writer';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

describeConstraint('fk_plan_issuing_unit', { field: 'issuingUnitId', message: 'names no unit of the directory' });
describeConstraint('fk_plan_conference', { field: 'conferenceId', message: 'names no conference' });
describeConstraint('fk_plan_member_user', { field: 'userId', message: 'names no user' });
describeConstraint('uq_task_number', { field: 'number', message: 'another task of the plan has this number' });
describeConstraint('fk_task_unit_unit', { field: 'leadUnitIds', message: 'names no unit of the directory' });
describeConstraint('fk_task_parent', {
  field: 'number',
  message: 'the parent task must exist, and a task with sub-tasks cannot go',
});

/** Task plans (seeds 002, 003, 004): plans, their members, numbered tasks with units, dues and progress reports. */
@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanMember, Task, TaskUnit, TaskProgress]), ConferencesModule, DuesModule],
  controllers: [PlansController, TasksController],
  providers: [PlanAccess, PlansService, PlanMembersService, TasksService, TaskProgressService, TaskWriter, TaskViews],
  exports: [PlanAccess],
})
export class PlansModule {}
