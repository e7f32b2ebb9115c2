import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { conflict, notFound } from '../common/problem';
import { DueEntry } from '../dues/due-entry.entity';
import { DueChangeResponse, toDueChangeResponse } from '../dues/due-response';
import { DueStore } from '../dues/due-store';
import { PlanAccess } from './plan-access.service';
import { Plan } from './plan.entity';
import { Task } from './task.entity';
import { TaskViews } from './task-views';
import { TaskWarning, TaskWriter } from './task-writer';
import { CreateTaskDto, TaskListQuery, TaskResponse, UpdateTaskDto } from './tasks.dto';
import { assertFresh, IfMatch, touch } from '../common/etag';

/** The tasks of a plan: add, list in the plan's order, read, change, remove; the history of their dues. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly writer: TaskWriter,
    private readonly views: TaskViews,
    private readonly dues: DueStore,
    private readonly audit: AuditService,
  ) {}

  async create(
    principal: Principal,
    actor: Actor,
    planId: string,
    dto: CreateTaskDto,
  ): Promise<{ task: TaskResponse; warnings: TaskWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.access.lockForChange(manager, principal, planId);
      const { task, warnings } = await this.writer.create(manager, plan, dto, actor);
      await this.audit.record(manager, actor, {
        action: 'task.create',
        entityType: 'task',
        entityId: task.id,
        conferenceId: plan.conferenceId,
        after: { ...task, due: dto.due },
      });
      return { task: (await this.views.responses(manager, plan, [task]))[0], warnings };
    });
  }

  async list(
    principal: Principal,
    planId: string,
    query: TaskListQuery,
  ): Promise<{ items: TaskResponse[]; total: number }> {
    await this.access.assertCanRead(principal, planId);
    const manager = this.dataSource.manager;
    const plan = await manager.findOneByOrFail(Plan, { id: planId });
    const qb = manager.createQueryBuilder(Task, 't').where('t.plan_id = :planId', { planId });
    if (query.parent)
      qb.andWhere('t.parent_id = (SELECT id FROM task WHERE plan_id = :planId AND number = :parent)', {
        parent: query.parent.trim().toLowerCase(),
      });
    const [tasks, total] = await qb.orderBy('t.sort_key', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items: await this.views.responses(manager, plan, tasks), total };
  }

  async get(principal: Principal, planId: string, taskId: string): Promise<TaskResponse> {
    await this.access.assertCanRead(principal, planId);
    const manager = this.dataSource.manager;
    const { plan, task } = await this.load(manager, planId, taskId);
    return (await this.views.responses(manager, plan, [task]))[0];
  }

  async update(
    principal: Principal,
    actor: Actor,
    planId: string,
    taskId: string,
    dto: UpdateTaskDto,
    ifMatch: IfMatch = null,
  ): Promise<{ task: TaskResponse; warnings: TaskWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.access.lockForChange(manager, principal, planId);
      const { task } = await this.load(manager, planId, taskId);
      assertFresh(ifMatch, task.version, 'task');
      const before = { ...task };
      const warnings = await this.writer.update(manager, plan, task, dto, actor);
      // Units and dues live in their own tables: a change of those alone must still move the version.
      const elsewhere = [dto.leadUnitIds, dto.coordinatingUnitIds, dto.due].some((v) => v !== undefined);
      if (elsewhere && task.version === before.version) task.version = await touch(manager, 'task', task.id);
      await this.audit.record(manager, actor, {
        action: 'task.update',
        entityType: 'task',
        entityId: task.id,
        conferenceId: plan.conferenceId,
        before,
        after: { ...task, due: dto.due },
      });
      return { task: (await this.views.responses(manager, plan, [task]))[0], warnings };
    });
  }

  async remove(principal: Principal, actor: Actor, planId: string, taskId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const plan = await this.access.lockForChange(manager, principal, planId);
      const { task } = await this.load(manager, planId, taskId);
      const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM task WHERE parent_id = $1`, [taskId]);
      if (n > 0) throw conflict('TASK_HAS_SUBTASKS', `Task ${task.number} has ${n} sub-task(s); remove them first.`);
      await manager.delete(Task, { id: taskId });
      await this.audit.record(manager, actor, {
        action: 'task.delete',
        entityType: 'task',
        entityId: taskId,
        conferenceId: plan.conferenceId,
        before: task,
      });
    });
  }

  async dueHistory(principal: Principal, planId: string, taskId: string): Promise<DueChangeResponse[]> {
    await this.access.assertCanRead(principal, planId);
    const manager = this.dataSource.manager;
    await this.load(manager, planId, taskId);
    const entries = await manager.find(DueEntry, { where: { taskId }, select: { id: true } });
    return (
      await this.dues.history(
        manager,
        entries.map((e) => e.id),
      )
    ).map(toDueChangeResponse);
  }

  async load(manager: EntityManager, planId: string, taskId: string): Promise<{ plan: Plan; task: Task }> {
    const task = await manager.findOneBy(Task, { id: taskId, planId });
    if (!task) throw notFound('task', taskId);
    return { plan: await manager.findOneByOrFail(Plan, { id: planId }), task };
  }
}
