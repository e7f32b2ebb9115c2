import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { nfc } from '../common/text';
import { DEFAULT_TIME_ZONE } from '../common/zoned-time';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { optionalText } from '../conferences/text-input';
import { DueStore } from '../dues/due-store';
import { scheduleOfConference } from '../dues/schedule-of';
import { PlanAccess } from './plan-access.service';
import { Plan, PlanMember } from './plan.entity';
import { CreatePlanDto, PlanListQuery, PlanResponse, toPlanResponse, UpdatePlanDto } from './plans.dto';
import { readTaskNumber } from './task-number';
import { TaskWarning, TaskWriter } from './task-writer';
import { assertFresh, IfMatch } from '../common/etag';

/** Task plans: create (with their tasks, in one transaction), list what the caller may see, change, delete. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly conferences: ConferenceAccess,
    private readonly writer: TaskWriter,
    private readonly dues: DueStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    actor: Actor,
    dto: CreatePlanDto,
  ): Promise<{ plan: PlanResponse; warnings: TaskWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      if (dto.conferenceId) await this.conferences.assertCanManage(principal, dto.conferenceId, manager);
      const plan = manager.create(Plan, {
        reference: optionalText(dto.reference) ?? null,
        title: nfc(dto.title.trim()),
        year: dto.year,
        issuingUnitId: dto.issuingUnitId ?? null,
        issuedOn: dto.issuedOn ?? null,
        timeZone: dto.timeZone ?? DEFAULT_TIME_ZONE,
        conferenceId: dto.conferenceId ?? null,
        note: optionalText(dto.note) ?? null,
        createdBy: principal.kind === 'user' ? principal.userId : null,
      });
      await manager.save(plan);
      if (principal.kind === 'user') {
        await manager.insert(PlanMember, {
          planId: plan.id,
          userId: principal.userId,
          role: 'owner',
          addedAt: this.clock.now(),
          addedBy: principal.userId,
        });
      }
      // Parents before their sub-tasks, whatever order the request lists them in.
      const tasks = (dto.tasks ?? [])
        .map((task, index) => ({ task, index, key: sortKeyOf(task.number) }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
      const warnings: TaskWarning[] = [];
      for (const { task, index } of tasks)
        warnings.push(...(await this.writer.create(manager, plan, task, actor, `tasks[${index}].`)).warnings);
      await this.audit.record(manager, actor, {
        action: 'plan.create',
        entityType: 'plan',
        entityId: plan.id,
        conferenceId: plan.conferenceId,
        after: { ...plan, tasks: tasks.length },
      });
      return { plan: toPlanResponse(plan, tasks.length), warnings };
    });
  }

  async list(principal: Principal, query: PlanListQuery): Promise<{ items: PlanResponse[]; total: number }> {
    const qb = this.dataSource.getRepository(Plan).createQueryBuilder('p');
    if (principal.kind === 'link') return { items: [], total: 0 };
    if (principal.role !== 'admin')
      qb.andWhere(PlanAccess.visibleSql('p', ':visibleTo'), { visibleTo: principal.userId });
    if (query.year) qb.andWhere('p.year = :year', { year: query.year });
    if (query.conferenceId) qb.andWhere('p.conference_id = :conferenceId', { conferenceId: query.conferenceId });
    const [plans, total] = await qb
      .orderBy('p.year', 'DESC')
      .addOrderBy('p.created_at', 'DESC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const counts = await this.taskCounts(
      this.dataSource.manager,
      plans.map((p) => p.id),
    );
    return { items: plans.map((p) => toPlanResponse(p, counts.get(p.id) ?? 0)), total };
  }

  async get(principal: Principal, id: string): Promise<PlanResponse> {
    await this.access.assertCanRead(principal, id);
    const plan = await this.dataSource.getRepository(Plan).findOneByOrFail({ id });
    return toPlanResponse(plan, (await this.taskCounts(this.dataSource.manager, [id])).get(id) ?? 0);
  }

  async update(
    principal: Principal,
    actor: Actor,
    id: string,
    dto: UpdatePlanDto,
    ifMatch: IfMatch = null,
  ): Promise<PlanResponse> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.access.lockForChange(manager, principal, id);
      assertFresh(ifMatch, plan.version, 'plan');
      const before = { ...plan };
      if (dto.reference !== undefined) plan.reference = optionalText(dto.reference) ?? null;
      if (dto.title !== undefined) plan.title = nfc(dto.title.trim());
      if (dto.year !== undefined) plan.year = dto.year;
      if (dto.issuingUnitId !== undefined) plan.issuingUnitId = dto.issuingUnitId;
      if (dto.issuedOn !== undefined) plan.issuedOn = dto.issuedOn;
      if (dto.note !== undefined) plan.note = optionalText(dto.note) ?? null;
      const relinked = dto.conferenceId !== undefined && dto.conferenceId !== plan.conferenceId;
      if (relinked) {
        if (dto.conferenceId) await this.conferences.assertCanManage(principal, dto.conferenceId, manager);
        plan.conferenceId = dto.conferenceId ?? null;
      }
      await manager.save(plan);
      if (relinked) await this.reresolve(manager, plan, actor);
      await this.audit.record(manager, actor, {
        action: 'plan.update',
        entityType: 'plan',
        entityId: plan.id,
        conferenceId: plan.conferenceId,
        before,
        after: plan,
      });
      return toPlanResponse(plan, (await this.taskCounts(manager, [id])).get(id) ?? 0);
    });
  }

  async remove(principal: Principal, actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertOwner(principal, id, manager);
      const plan = await manager.findOneByOrFail(Plan, { id });
      await manager.delete(Plan, { id });
      await this.audit.record(manager, actor, {
        action: 'plan.delete',
        entityType: 'plan',
        entityId: id,
        conferenceId: plan.conferenceId,
        before: plan,
      });
    });
  }

  /** The tasks' relative dues now hang on another conference (or none). */
  private async reresolve(manager: EntityManager, plan: Plan, actor: Actor): Promise<void> {
    const schedule = plan.conferenceId ? await scheduleOfConference(manager, plan.conferenceId) : null;
    const entries = await this.dues.relativeOfPlan(manager, plan.id);
    await this.dues.resolveAll(manager, entries, schedule, { cause: 'plan_conference_changed', actor, reason: null });
  }

  private async taskCounts(manager: EntityManager, ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: { plan_id: string; n: number }[] = await manager.query(
      `SELECT plan_id, count(*)::int AS n FROM task WHERE plan_id = ANY($1::uuid[]) GROUP BY plan_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.plan_id, r.n]));
  }
}

/** Unreadable numbers sort last; the writer refuses them with the field named. */
function sortKeyOf(number: string): string {
  const read = readTaskNumber(number ?? '');
  return read.ok ? read.sortKey : '\uffff';
}
