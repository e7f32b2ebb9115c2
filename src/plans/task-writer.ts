import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, FieldProblem, unprocessable } from '../common/problem';
import { nfc } from '../common/text';
import { startOfDay } from '../common/zoned-time';
import { parsePlanDate } from '../conferences/plan-date';
import { optionalText } from '../conferences/text-input';
import { readDues } from '../dues/due-input';
import { DueStore } from '../dues/due-store';
import { scheduleOfConference } from '../dues/schedule-of';
import type { Due, DueContext, DueWarning } from '../dues/reader';
import { Plan } from './plan.entity';
import { Task, TaskStatus, TaskUnit, TaskUnitRole } from './task.entity';
import { readTaskNumber } from './task-number';
import { CreateTaskDto, UpdateTaskDto } from './tasks.dto';

export interface TaskWarning extends DueWarning {
  field: string;
}

/**
 * Writes one task inside the caller's transaction: its number (and the parent it implies), its
 * units, its dues (read in the plan's zone and year) and its status. Field names in refusals are
 * prefixed with where the task is in the request ("tasks[3].due").
 */
@Injectable()
export class TaskWriter {
  constructor(
    private readonly dues: DueStore,
    private readonly clock: Clock,
  ) {}

  async create(
    manager: EntityManager,
    plan: Plan,
    dto: CreateTaskDto,
    actor: Actor,
    prefix = '',
  ): Promise<{ task: Task; warnings: TaskWarning[] }> {
    const number = await this.number(manager, plan, dto.number, `${prefix}number`, null);
    const read =
      dto.due == null ? { dues: [], warnings: [] } : readDues(dto.due, dueContext(plan), { field: `${prefix}due` });
    const units = await this.units(manager, dto, prefix);
    const status = dto.status ?? 'not_started';
    const task = manager.create(Task, {
      planId: plan.id,
      number: number.number,
      parentId: number.parentId,
      sortKey: number.sortKey,
      content: nfc(dto.content.trim()),
      leadText: optionalText(dto.leadText) ?? null,
      coordinatingText: optionalText(dto.coordinatingText) ?? null,
      deliverable: optionalText(dto.deliverable) ?? null,
      notes: optionalText(dto.notes) ?? null,
      status,
      completedAt: status === 'done' ? this.clock.now() : null,
    });
    await manager.save(task);
    await this.writeUnits(manager, task.id, units);
    await this.writeDues(manager, plan, task.id, read.dues, actor, 'created');
    return { task, warnings: read.warnings.map((w) => ({ ...w, field: `${prefix}due` })) };
  }

  async update(
    manager: EntityManager,
    plan: Plan,
    task: Task,
    dto: UpdateTaskDto,
    actor: Actor,
  ): Promise<TaskWarning[]> {
    if (dto.number !== undefined) {
      const number = await this.number(manager, plan, dto.number, 'number', task);
      Object.assign(task, { number: number.number, parentId: number.parentId, sortKey: number.sortKey });
    }
    if (dto.content !== undefined) task.content = nfc(dto.content.trim());
    for (const key of ['leadText', 'coordinatingText', 'deliverable', 'notes'] as const) {
      if (dto[key] !== undefined) task[key] = optionalText(dto[key]) ?? null;
    }
    if (dto.status !== undefined) this.setStatus(task, dto.status);
    await manager.save(task);
    if (dto.leadUnitIds !== undefined || dto.coordinatingUnitIds !== undefined) {
      const current: TaskUnit[] = await manager.find(TaskUnit, {
        where: { taskId: task.id },
        order: { position: 'ASC' },
      });
      const keep = (role: TaskUnitRole) => current.filter((u) => u.role === role).map((u) => u.unitId);
      const units = await this.units(
        manager,
        {
          leadUnitIds: dto.leadUnitIds ?? keep('lead'),
          coordinatingUnitIds: dto.coordinatingUnitIds ?? keep('coordinating'),
        },
        '',
      );
      await manager.delete(TaskUnit, { taskId: task.id });
      await this.writeUnits(manager, task.id, units);
    }
    if (dto.due === undefined) return [];
    const read = dto.due === null ? { dues: [], warnings: [] } : readDues(dto.due, dueContext(plan), { field: 'due' });
    await this.writeDues(manager, plan, task.id, read.dues, actor, 'edited');
    return read.warnings.map((w) => ({ ...w, field: 'due' }));
  }

  setStatus(task: Task, status: TaskStatus): void {
    if (task.status === status) return;
    task.status = status;
    task.completedAt = status === 'done' ? this.clock.now() : null;
  }

  private async writeDues(
    manager: EntityManager,
    plan: Plan,
    taskId: string,
    dues: Due[],
    actor: Actor,
    cause: 'created' | 'edited',
  ): Promise<void> {
    const schedule = plan.conferenceId ? await scheduleOfConference(manager, plan.conferenceId) : null;
    await this.dues.write(manager, { taskId }, dues, schedule, { cause, actor });
  }

  private async number(manager: EntityManager, plan: Plan, raw: string, field: string, self: Task | null) {
    const read = readTaskNumber(raw);
    if (!read.ok) throw unprocessable([fieldProblem(field, 'taskNumber', read.message)]);
    if (self && read.number !== self.number) {
      const [{ children }] = await manager.query(`SELECT count(*)::int AS children FROM task WHERE parent_id = $1`, [
        self.id,
      ]);
      if (children > 0)
        throw conflict(
          'TASK_HAS_SUBTASKS',
          `Task ${self.number} has sub-tasks; renumber them first, or create the task anew.`,
        );
    }
    const rows: { id: string; number: string }[] = await manager.query(
      `SELECT id, number FROM task WHERE plan_id = $1 AND number = ANY($2::text[])`,
      [plan.id, [read.number, ...(read.parent ? [read.parent] : [])]],
    );
    const same = rows.find((r) => r.number === read.number);
    if (same && same.id !== self?.id) {
      throw conflict('DUPLICATE', `The plan already has a task ${read.number}.`, {
        errors: [fieldProblem(field, 'unique', `another task of the plan has the number ${read.number}`)],
      });
    }
    const parent = read.parent ? rows.find((r) => r.number === read.parent) : undefined;
    if (read.parent && !parent)
      throw unprocessable([
        fieldProblem(field, 'parentMissing', `task ${read.parent} must exist before ${read.number}`),
      ]);
    return { number: read.number, sortKey: read.sortKey, parentId: parent?.id ?? null };
  }

  /** The task's units in order, each checked to exist, none both lead and coordinating. */
  private async units(
    manager: EntityManager,
    dto: { leadUnitIds?: string[]; coordinatingUnitIds?: string[] },
    prefix: string,
  ): Promise<{ unitId: string; role: TaskUnitRole }[]> {
    const lead = (dto.leadUnitIds ?? []).map((id) => id.toLowerCase());
    const coordinating = (dto.coordinatingUnitIds ?? []).map((id) => id.toLowerCase());
    const all = [...lead, ...coordinating];
    const found = new Set<string>(
      all.length === 0
        ? []
        : (await manager.query<{ id: string }[]>(`SELECT id FROM unit WHERE id = ANY($1::uuid[])`, [all])).map(
            (r) => r.id,
          ),
    );
    const problems: FieldProblem[] = [];
    const check = (ids: string[], field: string, others: string[]) =>
      ids.forEach((id, i) => {
        if (!found.has(id))
          problems.push(fieldProblem(`${prefix}${field}[${i}]`, 'reference', 'names no unit of the directory'));
        else if (ids.indexOf(id) !== i)
          problems.push(fieldProblem(`${prefix}${field}[${i}]`, 'unique', 'lists the same unit twice'));
        else if (others.includes(id))
          problems.push(
            fieldProblem(
              `${prefix}${field}[${i}]`,
              'leadOrCoordinating',
              'a unit is either lead or coordinating, not both',
            ),
          );
      });
    check(lead, 'leadUnitIds', []);
    check(coordinating, 'coordinatingUnitIds', lead);
    if (problems.length > 0) throw unprocessable(problems);
    return [
      ...lead.map((unitId) => ({ unitId, role: 'lead' as const })),
      ...coordinating.map((unitId) => ({ unitId, role: 'coordinating' as const })),
    ];
  }

  private async writeUnits(
    manager: EntityManager,
    taskId: string,
    units: { unitId: string; role: TaskUnitRole }[],
  ): Promise<void> {
    if (units.length === 0) return;
    await manager.insert(
      TaskUnit,
      units.map((u, position) => ({ taskId, unitId: u.unitId, role: u.role, position })),
    );
  }
}

/** How a plan's dues are read: its zone, its year, and its own date for "before the plan" warnings. */
export function dueContext(plan: Plan): DueContext {
  // A partial date ("2022-12") warns only about dues before the first day it may mean.
  const issued = plan.issuedOn ? parsePlanDate(plan.issuedOn) : null;
  return {
    zone: plan.timeZone,
    year: plan.year,
    ...(issued
      ? {
          referenceDate: startOfDay(
            { year: issued.year, month: issued.month ?? 1, day: issued.day ?? 1 },
            plan.timeZone,
          ),
        }
      : {}),
  };
}
