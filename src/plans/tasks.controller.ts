import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { DueChangeResponse } from '../dues/due-response';
import { TaskProgressService } from './task-progress.service';
import { TaskWarning } from './task-writer';
import { CreateTaskDto, ProgressDto, ProgressResponse, TaskListQuery, TaskResponse, UpdateTaskDto } from './tasks.dto';
import { TasksService } from './tasks.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const PlanId = new UuidParam('plan');
const TaskId = new UuidParam('task');

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans/:planId/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly progress: TaskProgressService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Add a task (its parent, e.g. 4 for 4.1, must exist). Dues as text or structure; unreadable text is 400 DUE_UNREADABLE.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('planId', PlanId) planId: string,
    @Body() dto: CreateTaskDto,
  ): Promise<TaskResponse & { warnings: TaskWarning[] }> {
    const { task, warnings } = await this.tasks.create(principal, actor, planId, dto);
    return { ...task, warnings };
  }

  @Get()
  @ApiOperation({ summary: 'The plan’s tasks in its order (1, 2, 2.a, 4, 4.1 …).' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('planId', PlanId) planId: string,
    @Query() query: TaskListQuery,
  ): Promise<Page<TaskResponse>> {
    return { ...(await this.tasks.list(principal, planId, query)), limit: query.limit, offset: query.offset };
  }

  @Get(':taskId')
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
  ): Promise<TaskResponse> {
    return this.tasks.get(principal, planId, taskId);
  }

  @Patch(':taskId')
  @ApiOperation({
    summary: 'Change a task; `due` replaces its dues (null removes them), each change kept in the due history.',
  })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
    @Body() dto: UpdateTaskDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<TaskResponse & { warnings: TaskWarning[] }> {
    const { task, warnings } = await this.tasks.update(principal, actor, planId, taskId, dto, ifMatch);
    return { ...task, warnings };
  }

  @Delete(':taskId')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
  ): Promise<void> {
    await this.tasks.remove(principal, actor, planId, taskId);
  }

  @Get(':taskId/due-history')
  @ApiOperation({
    summary:
      'Every change of the task’s dues: who, when, from, to, why (edits, and relative dues following the conference).',
  })
  async dueHistory(
    @CurrentPrincipal() principal: Principal,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
    @Query() query: PageQuery,
  ): Promise<Page<DueChangeResponse>> {
    return pageOfAll(await this.tasks.dueHistory(principal, planId, taskId), query, (c) => c);
  }

  @Post(':taskId/progress')
  @ApiOperation({ summary: 'File a progress report (dated text; optionally percent, status, the due it answers).' })
  async report(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
    @Body() dto: ProgressDto,
  ): Promise<ProgressResponse> {
    return this.progress.add(principal, actor, planId, taskId, dto);
  }

  @Get(':taskId/progress')
  async reports(
    @CurrentPrincipal() principal: Principal,
    @Param('planId', PlanId) planId: string,
    @Param('taskId', TaskId) taskId: string,
    @Query() query: PageQuery,
  ): Promise<Page<ProgressResponse>> {
    return pageOfAll(await this.progress.list(principal, planId, taskId), query, (r) => r);
  }
}
