import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { Due, EventSchedule, resolveForSchedule } from './reader';
import { DueChange, DueChangeCause } from './due-change.entity';
import { DueEntry } from './due-entry.entity';

/** Whose due: a presentation's (one) or a task's (a list). */
export type DueOwner = { presentationId: string } | { taskId: string };

export interface DueChangeNote {
  cause: DueChangeCause;
  actor: Actor;
  reason?: string | null;
}

/** JSON with sorted keys: jsonb does not keep the order members were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const instantOf = (due: Due) => (due.resolvesAt ? new Date(due.resolvesAt) : null);
const sameResolution = (a: Due, b: Due) =>
  a.resolvesAt === b.resolvesAt && ('eventAt' in a ? a.eventAt : null) === ('eventAt' in b ? b.eventAt : null);

/**
 * Writes dues and their history. A relative due ("3 days before the conference") is resolved
 * against the schedule of what it hangs on whenever it is written, and again (with a history
 * entry) whenever that schedule changes: see `resolveAll`.
 */
@Injectable()
export class DueStore {
  constructor(private readonly clock: Clock) {}

  /** Replaces an owner's dues: same position, same row (its history goes on); extra rows go. */
  async write(
    manager: EntityManager,
    owner: DueOwner,
    dues: Due[],
    schedule: EventSchedule | null,
    note: DueChangeNote,
  ): Promise<DueEntry[]> {
    const existing = await manager.find(DueEntry, { where: owner, order: { position: 'ASC' } });
    const written: DueEntry[] = [];
    for (const [position, given] of dues.entries()) {
      const due = resolveForSchedule(given, schedule ?? { start: null, end: null });
      const old = existing[position];
      if (!old) {
        const entry = manager.create(DueEntry, { ...ownerColumns(owner), position, ...columnsOf(due), metAt: null });
        await manager.save(entry);
        await this.record(manager, entry.id, null, due, { ...note, cause: 'created' });
        written.push(entry);
      } else if (canonicalJson(old.due) !== canonicalJson(due)) {
        const before = old.due;
        Object.assign(old, columnsOf(due));
        await manager.save(old);
        await this.record(manager, old.id, before, due, note);
        written.push(old);
      } else {
        written.push(old);
      }
    }
    const extra = existing.slice(dues.length).map((e) => e.id);
    if (extra.length > 0) await manager.delete(DueEntry, extra);
    return written;
  }

  /**
   * Re-resolves the given relative dues against a schedule (null: the date no longer holds, the
   * dues become unresolved) and records each one that changed. Answers how many changed.
   */
  async resolveAll(
    manager: EntityManager,
    entries: DueEntry[],
    schedule: EventSchedule | null,
    note: DueChangeNote,
  ): Promise<number> {
    let changed = 0;
    for (const entry of entries) {
      const due = resolveForSchedule(entry.due, schedule ?? { start: null, end: null });
      if (sameResolution(entry.due, due)) continue;
      const before = entry.due;
      await manager.update(DueEntry, { id: entry.id }, { due, resolvesAt: instantOf(due) });
      await this.record(manager, entry.id, before, due, note);
      changed += 1;
    }
    return changed;
  }

  /** Relative dues of presentations of a conference (its own, not its clusters') and of tasks of plans serving it. */
  async relativeOfConference(manager: EntityManager, conferenceId: string): Promise<DueEntry[]> {
    return manager
      .createQueryBuilder(DueEntry, 'd')
      .where(`d.kind = 'relative_to_event'`)
      .andWhere(
        `(d.presentation_id IN (SELECT p.id FROM presentation p WHERE p.conference_id = :id AND p.cluster_id IS NULL)
          OR d.task_id IN (SELECT t.id FROM task t JOIN plan pl ON pl.id = t.plan_id WHERE pl.conference_id = :id))`,
        { id: conferenceId },
      )
      .getMany();
  }

  async relativeOfCluster(manager: EntityManager, clusterId: string): Promise<DueEntry[]> {
    return manager
      .createQueryBuilder(DueEntry, 'd')
      .where(`d.kind = 'relative_to_event'`)
      .andWhere('d.presentation_id IN (SELECT p.id FROM presentation p WHERE p.cluster_id = :id)', { id: clusterId })
      .getMany();
  }

  async relativeOfPlan(manager: EntityManager, planId: string): Promise<DueEntry[]> {
    return manager
      .createQueryBuilder(DueEntry, 'd')
      .where(`d.kind = 'relative_to_event'`)
      .andWhere('d.task_id IN (SELECT t.id FROM task t WHERE t.plan_id = :id)', { id: planId })
      .getMany();
  }

  async history(manager: EntityManager, dueIds: string[]): Promise<DueChange[]> {
    if (dueIds.length === 0) return [];
    return manager
      .createQueryBuilder(DueChange, 'h')
      .where('h.due_id IN (:...ids)', { ids: dueIds })
      .orderBy('h.id', 'ASC')
      .getMany();
  }

  private async record(
    manager: EntityManager,
    dueId: string,
    from: Due | null,
    to: Due,
    note: DueChangeNote,
  ): Promise<void> {
    await manager.insert(DueChange, {
      dueId,
      at: this.clock.now(),
      cause: note.cause,
      fromDue: from,
      toDue: to,
      fromResolvesAt: from ? instantOf(from) : null,
      toResolvesAt: instantOf(to),
      reason: note.reason ?? null,
      actorKind: note.actor.kind,
      actorId: note.actor.id,
      actorLabel: note.actor.label,
    });
  }
}

function ownerColumns(owner: DueOwner): { presentationId: string | null; taskId: string | null } {
  return 'presentationId' in owner
    ? { presentationId: owner.presentationId, taskId: null }
    : { presentationId: null, taskId: owner.taskId };
}

function columnsOf(due: Due): Pick<DueEntry, 'due' | 'kind' | 'precision' | 'resolvesAt'> {
  return { due, kind: due.kind, precision: due.precision, resolvesAt: instantOf(due) };
}
