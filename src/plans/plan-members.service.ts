import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { PlanAccess } from './plan-access.service';
import { PlanMember } from './plan.entity';
import { AddPlanMemberDto } from './plans.dto';

type MemberRow = PlanMember & { email: string; displayName: string };

/** A plan's members, managed by its owners and admins; the last owner stays. */
@Injectable()
export class PlanMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, planId: string): Promise<MemberRow[]> {
    await this.access.assertCanRead(principal, planId);
    return this.rows(planId);
  }

  async add(principal: Principal, actor: Actor, planId: string, dto: AddPlanMemberDto): Promise<MemberRow> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertOwner(principal, planId, manager);
      await manager.query(`SELECT id FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
      const [user]: { role: string }[] = await manager.query(`SELECT role FROM app_user WHERE id = $1 AND active`, [
        dto.userId,
      ]);
      if (!user) throw unprocessable([fieldProblem('userId', 'reference', 'names no active user')]);
      if (user.role === 'observer' && dto.role !== 'observer')
        throw unprocessable([
          fieldProblem('role', 'observerAccount', 'an observer account can only be an observer of a plan'),
        ]);
      const previous = await manager.findOneBy(PlanMember, { planId, userId: dto.userId });
      if (previous?.role === 'owner' && dto.role !== 'owner')
        await this.assertAnotherOwner(manager, planId, dto.userId);
      await manager.query(
        `INSERT INTO plan_member (plan_id, user_id, role, added_at, added_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (plan_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [planId, dto.userId, dto.role, this.clock.now(), actor.id],
      );
      await this.audit.record(manager, actor, {
        action: 'plan.member.set',
        entityType: 'plan',
        entityId: planId,
        before: previous,
        after: dto,
      });
    });
    return (await this.rows(planId)).find((m) => m.userId === dto.userId)!;
  }

  async remove(principal: Principal, actor: Actor, planId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertOwner(principal, planId, manager);
      await manager.query(`SELECT id FROM plan WHERE id = $1 FOR UPDATE`, [planId]);
      const member = await manager.findOneBy(PlanMember, { planId, userId });
      if (!member) throw notFound('plan member', userId);
      if (member.role === 'owner') await this.assertAnotherOwner(manager, planId, userId);
      await manager.delete(PlanMember, { planId, userId });
      await this.audit.record(manager, actor, {
        action: 'plan.member.remove',
        entityType: 'plan',
        entityId: planId,
        before: member,
      });
    });
  }

  private async assertAnotherOwner(
    manager: import('typeorm').EntityManager,
    planId: string,
    userId: string,
  ): Promise<void> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM plan_member WHERE plan_id = $1 AND role = 'owner' AND user_id <> $2`,
      [planId, userId],
    );
    if (n === 0) throw conflict('LAST_OWNER', 'A plan keeps at least one owner; make someone else owner first.');
  }

  private async rows(planId: string): Promise<MemberRow[]> {
    return this.dataSource.query(
      `SELECT m.plan_id AS "planId", m.user_id AS "userId", m.role, m.added_at AS "addedAt", m.added_by AS "addedBy", u.email, u.display_name AS "displayName"
         FROM plan_member m JOIN app_user u ON u.id = m.user_id WHERE m.plan_id = $1 ORDER BY m.added_at, u.email`,
      [planId],
    );
  }
}
