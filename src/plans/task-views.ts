import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { isoInZone } from '../common/zoned-time';
import { DueEntry } from '../dues/due-entry.entity';
import { toDueResponse } from '../dues/due-response';
import { Plan } from './plan.entity';
import { Task, TaskDisplayStatus, TaskUnitRole } from './task.entity';
import { dueContext } from './task-writer';
import { TaskResponse, UnitRef } from './tasks.dto';

/** A task is overdue when it is not done and a one-off due of it has passed without being met. */
export function displayStatus(
  task: Pick<Task, 'status'>,
  dues: Pick<DueEntry, 'kind' | 'resolvesAt' | 'metAt'>[],
  now: Date,
): TaskDisplayStatus {
  if (task.status === 'done') return 'done';
  const missed = dues.some(
    (d) =>
      d.kind !== 'recurring' && d.resolvesAt !== null && d.resolvesAt.getTime() <= now.getTime() && d.metAt === null,
  );
  return missed ? 'overdue' : task.status;
}

/** Tasks as the API shows them, loaded in three queries however many there are. */
@Injectable()
export class TaskViews {
  constructor(private readonly clock: Clock) {}

  async responses(manager: EntityManager, plan: Plan, tasks: Task[]): Promise<TaskResponse[]> {
    if (tasks.length === 0) return [];
    const ids = tasks.map((t) => t.id);
    const units: { task_id: string; unit_id: string; name: string; role: TaskUnitRole }[] = await manager.query(
      `SELECT tu.task_id, tu.unit_id, u.name, tu.role FROM task_unit tu JOIN unit u ON u.id = tu.unit_id WHERE tu.task_id = ANY($1::uuid[]) ORDER BY tu.position`,
      [ids],
    );
    const dues = await manager.find(DueEntry, { where: { taskId: In(ids) }, order: { position: 'ASC' } });
    const parents = new Map(tasks.map((t) => [t.id, t.number]));
    const now = this.clock.now();
    const reference = dueContext(plan).referenceDate;
    return tasks.map((task) => {
      const own = dues.filter((d) => d.taskId === task.id);
      const unitsOf = (role: TaskUnitRole): UnitRef[] =>
        units.filter((u) => u.task_id === task.id && u.role === role).map((u) => ({ id: u.unit_id, name: u.name }));
      return {
        id: task.id,
        planId: task.planId,
        number: task.number,
        parentNumber: task.parentId
          ? (parents.get(task.parentId) ?? task.number.split('.').slice(0, -1).join('.'))
          : null,
        content: task.content,
        leadUnits: unitsOf('lead'),
        leadText: task.leadText,
        coordinatingUnits: unitsOf('coordinating'),
        coordinatingText: task.coordinatingText,
        deliverable: task.deliverable,
        notes: task.notes,
        dues: own.map((entry) => toDueResponse(entry, reference)),
        status: displayStatus(task, own, now),
        recordedStatus: task.status,
        completedAt: task.completedAt ? isoInZone(task.completedAt, plan.timeZone) : null,
        version: task.version,
        createdAt: task.createdAt.toISOString(),
        updatedAt: task.updatedAt.toISOString(),
      };
    });
  }
}
