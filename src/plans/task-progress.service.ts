import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { fieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { wallClock } from '../common/zoned-time';
import { DueEntry } from '../dues/due-entry.entity';
import { PlanAccess } from './plan-access.service';
import { TaskProgress } from './task.entity';
import { TaskWriter } from './task-writer';
import { ProgressDto, ProgressResponse, toProgressResponse } from './tasks.dto';
import { TasksService } from './tasks.service';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Progress reports on a task: dated text, optionally a percentage, a new status, and the due it
 * answers — a periodic report counts for the occurrence of a recurring due it was filed for; a
 * report with `dueMet` marks a one-off due (one part of the task) as met.
 */
@Injectable()
export class TaskProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly tasks: TasksService,
    private readonly writer: TaskWriter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async add(
    principal: Principal,
    actor: Actor,
    planId: string,
    taskId: string,
    dto: ProgressDto,
  ): Promise<ProgressResponse> {
    if (dto.dueMet && !dto.dueId)
      throw unprocessable([fieldProblem('dueMet', 'needsDue', 'dueMet needs the dueId of the due that is met')]);
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, planId);
      const { plan, task } = await this.tasks.load(manager, planId, taskId);
      const now = this.clock.now();
      const due = dto.dueId ? await manager.findOneBy(DueEntry, { id: dto.dueId, taskId }) : null;
      if (dto.dueId && !due) throw unprocessable([fieldProblem('dueId', 'reference', 'names no due of this task')]);
      if (dto.dueMet && due?.kind === 'recurring')
        throw unprocessable([
          fieldProblem(
            'dueMet',
            'recurring',
            'a periodic due is met occurrence by occurrence, by the reports filed for it',
          ),
        ]);
      const today = wallClock(now, plan.timeZone);
      const report = manager.create(TaskProgress, {
        taskId,
        reportedAt: now,
        reportedOn: dto.reportedOn ?? `${today.year}-${pad(today.month)}-${pad(today.day)}`,
        text: nfc(dto.text.trim()),
        percent: dto.percent ?? null,
        status: dto.status ?? null,
        dueId: due?.id ?? null,
        dueMet: dto.dueMet ?? false,
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
      });
      await manager.save(report);
      if (dto.dueMet && due && !due.metAt) await manager.update(DueEntry, { id: due.id }, { metAt: now });
      // A first report on a task not started means work has begun.
      const status = dto.status ?? (task.status === 'not_started' ? 'in_progress' : undefined);
      if (status) {
        this.writer.setStatus(task, status);
        await manager.save(task);
      }
      await this.audit.record(manager, actor, {
        action: 'task.progress',
        entityType: 'task',
        entityId: taskId,
        conferenceId: plan.conferenceId,
        after: report,
      });
      return toProgressResponse(report, plan.timeZone);
    });
  }

  async list(principal: Principal, planId: string, taskId: string): Promise<ProgressResponse[]> {
    await this.access.assertCanRead(principal, planId);
    const { plan } = await this.tasks.load(this.dataSource.manager, planId, taskId);
    const reports = await this.dataSource
      .getRepository(TaskProgress)
      .find({ where: { taskId }, order: { reportedAt: 'ASC', id: 'ASC' } });
    return reports.map((r) => toProgressResponse(r, plan.timeZone));
  }
}
