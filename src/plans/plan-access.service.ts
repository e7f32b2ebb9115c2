import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { notFound, ProblemException } from '../common/problem';
import type { MemberRole } from '../conferences/conference.constants';
import { Plan } from './plan.entity';

const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail);
const RANK: Record<MemberRole, number> = { observer: 1, organizer: 2, owner: 3 };

/**
 * Who may see and change a plan, mirroring conferences: admins everything; otherwise the plan's
 * members (owner, organizer, observer), and — for a plan that organizes a conference — that
 * conference's members with their conference role. The stronger role counts. A plan the caller
 * may not see answers 404; observers get 403 on writes. Links never reach plans.
 */
@Injectable()
export class PlanAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertCanRead(
    principal: Principal,
    planId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MemberRole | 'admin'> {
    if (principal.kind === 'link') throw notFound('plan', planId);
    const rows: { plan_role: MemberRole | null; conference_role: MemberRole | null }[] = await manager.query(
      `SELECT pm.role AS plan_role, cm.role AS conference_role
         FROM plan p
         LEFT JOIN plan_member pm ON pm.plan_id = p.id AND pm.user_id = $2
         LEFT JOIN conference_member cm ON cm.conference_id = p.conference_id AND cm.user_id = $2
        WHERE p.id = $1`,
      [planId, principal.userId],
    );
    if (rows.length === 0) throw notFound('plan', planId);
    if (principal.role === 'admin') return 'admin';
    const roles = [rows[0].plan_role, rows[0].conference_role].filter((r): r is MemberRole => r !== null);
    if (roles.length === 0) throw notFound('plan', planId);
    return roles.sort((a, b) => RANK[b] - RANK[a])[0];
  }

  async assertCanManage(principal: Principal, planId: string, manager?: EntityManager): Promise<void> {
    const role = await this.assertCanRead(principal, planId, manager);
    if (role === 'observer' || (principal.kind === 'user' && principal.role === 'observer'))
      throw forbidden('Observers of this plan have read-only access.');
  }

  async assertOwner(principal: Principal, planId: string, manager?: EntityManager): Promise<void> {
    const role = await this.assertCanRead(principal, planId, manager);
    if (role !== 'owner' && role !== 'admin') throw forbidden('Only an owner of the plan manages its members.');
  }

  /** For a change to the plan or its tasks: checks the caller may manage it and locks its row. */
  async lockForChange(manager: EntityManager, principal: Principal, planId: string): Promise<Plan> {
    await this.assertCanManage(principal, planId, manager);
    const plan = await manager.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw notFound('plan', planId);
    return plan;
  }

  /**
   * SQL that is true for the plans (alias `alias`) the user may see; `userParam` is the
   * placeholder of the user's id ("$3" or ":user"). Admins need no condition.
   */
  static visibleSql(alias: string, userParam: string): string {
    return `(EXISTS (SELECT 1 FROM plan_member vpm WHERE vpm.plan_id = ${alias}.id AND vpm.user_id = ${userParam})
          OR EXISTS (SELECT 1 FROM conference_member vcm WHERE vcm.conference_id = ${alias}.conference_id AND vcm.user_id = ${userParam}))`;
  }
}
