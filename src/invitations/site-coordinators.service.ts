import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal, UserPrincipal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { isoInZone } from '../common/zoned-time';
import { ConferenceAccess } from '../conferences/conference-access.service';
import {
  CoordinatedSite,
  CoordinationResponse,
  SiteCoordinatorDto,
  SiteCoordinatorResponse,
} from './site-coordinators.dto';

type SiteRow = CoordinatedSite & { userId: string };

const SITES_OF = `SELECT sc.user_id AS "userId",
         CASE WHEN sc.bridge_point_id IS NOT NULL THEN 'bridge_point' ELSE 'cluster' END AS kind,
         coalesce(sc.bridge_point_id, sc.cluster_id) AS id,
         coalesce(bp.name, k.name, 'Cụm ' || k.number) AS name
    FROM site_coordinator sc
    LEFT JOIN bridge_point bp ON bp.id = sc.bridge_point_id
    LEFT JOIN cluster k ON k.id = sc.cluster_id`;
const SITE_ORDER = `ORDER BY kind, coalesce(bp.depth, 0), name, id`;

/**
 * Site coordinators with accounts: the organizer assigns an account to bridge points or clusters
 * of a conference, and the account then reaches those sites (and the points below them) exactly
 * as a coordinator link does — see InvitationScopes. Members of the conference need no assignment
 * (they reach every site), observer accounts cannot be coordinators (they never write).
 */
@Injectable()
export class SiteCoordinators {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, conferenceId: string): Promise<SiteCoordinatorResponse[]> {
    const manager = this.dataSource.manager;
    await this.access.assertCanRead(principal, conferenceId, manager);
    const people = await queryRows<Omit<SiteCoordinatorResponse, 'sites'>>(
      manager,
      `SELECT DISTINCT u.id AS "userId", u.email, u.display_name AS "displayName"
         FROM site_coordinator sc JOIN app_user u ON u.id = sc.user_id WHERE sc.conference_id = $1 ORDER BY u.email`,
      [conferenceId],
    );
    const sites = await queryRows<SiteRow>(manager, `${SITES_OF} WHERE sc.conference_id = $1 ${SITE_ORDER}`, [
      conferenceId,
    ]);
    return people.map((p) => ({ ...p, sites: sites.filter((s) => s.userId === p.userId).map(withoutUser) }));
  }

  /** Sets the sites an account coordinates (replacing the previous set). */
  async put(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    userId: string,
    dto: SiteCoordinatorDto,
  ): Promise<SiteCoordinatorResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const user = await this.assignable(manager, conferenceId, userId);
      await this.assertSitesOf(manager, conferenceId, dto.siteIds);
      const before = await this.sitesOf(manager, conferenceId, userId);
      await manager.query(`DELETE FROM site_coordinator WHERE conference_id = $1 AND user_id = $2`, [
        conferenceId,
        userId,
      ]);
      await manager.query(
        `INSERT INTO site_coordinator (conference_id, user_id, bridge_point_id, cluster_id, added_at, added_by)
         SELECT $1, $2, bp.id, k.id, $4, $5
           FROM unnest($3::uuid[]) AS s(id)
           LEFT JOIN bridge_point bp ON bp.id = s.id AND bp.conference_id = $1
           LEFT JOIN cluster k ON k.id = s.id AND k.conference_id = $1`,
        [conferenceId, userId, dto.siteIds, this.clock.now(), actor.id],
      );
      const sites = await this.sitesOf(manager, conferenceId, userId);
      await this.audit.record(manager, actor, {
        action: 'invitation.site_coordinator.set',
        entityType: 'site_coordinator',
        entityId: userId,
        conferenceId,
        before: before.length > 0 ? { siteIds: before.map((s) => s.id) } : null,
        after: { siteIds: sites.map((s) => s.id) },
      });
      return { ...user, sites };
    });
  }

  async remove(principal: Principal, actor: Actor, conferenceId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId, { allowFinished: true });
      const before = await this.sitesOf(manager, conferenceId, userId);
      if (before.length === 0) throw notFound('site coordinator', userId);
      await manager.query(`DELETE FROM site_coordinator WHERE conference_id = $1 AND user_id = $2`, [
        conferenceId,
        userId,
      ]);
      await this.audit.record(manager, actor, {
        action: 'invitation.site_coordinator.remove',
        entityType: 'site_coordinator',
        entityId: userId,
        conferenceId,
        before: { siteIds: before.map((s) => s.id) },
      });
    });
  }

  /** The caller's own assignments, per conference, soonest first (finished conferences last). */
  async mine(principal: UserPrincipal): Promise<CoordinationResponse[]> {
    const manager = this.dataSource.manager;
    const conferences = await queryRows<{
      id: string;
      title: string;
      kind: string;
      status: string;
      startsAt: Date | null;
      endsAt: Date | null;
      timeZone: string;
    }>(
      manager,
      `SELECT c.id, c.title, c.kind, c.status, c.starts_at AS "startsAt", c.ends_at AS "endsAt", c.time_zone AS "timeZone"
         FROM conference c WHERE EXISTS (SELECT 1 FROM site_coordinator sc WHERE sc.conference_id = c.id AND sc.user_id = $1)
        ORDER BY c.status IN ('closed', 'cancelled'), c.starts_at NULLS LAST, c.title, c.id`,
      [principal.userId],
    );
    const sites = await queryRows<SiteRow & { conferenceId: string }>(
      manager,
      `${SITES_OF.replace('SELECT ', 'SELECT sc.conference_id AS "conferenceId", ')} WHERE sc.user_id = $1 ${SITE_ORDER}`,
      [principal.userId],
    );
    return conferences.map((c) => ({
      conference: {
        ...c,
        startsAt: c.startsAt ? isoInZone(c.startsAt, c.timeZone) : null,
        endsAt: c.endsAt ? isoInZone(c.endsAt, c.timeZone) : null,
      },
      sites: sites.filter((s) => s.conferenceId === c.id).map(({ conferenceId: _c, ...s }) => withoutUser(s)),
    }));
  }

  private async sitesOf(manager: EntityManager, conferenceId: string, userId: string): Promise<CoordinatedSite[]> {
    const rows = await queryRows<SiteRow>(
      manager,
      `${SITES_OF} WHERE sc.conference_id = $1 AND sc.user_id = $2 ${SITE_ORDER}`,
      [conferenceId, userId],
    );
    return rows.map(withoutUser);
  }

  /** An active organizer account that is not already a member of the conference. */
  private async assignable(
    manager: EntityManager,
    conferenceId: string,
    userId: string,
  ): Promise<Omit<SiteCoordinatorResponse, 'sites'>> {
    const [user] = await queryRows<{
      userId: string;
      email: string;
      displayName: string;
      role: string;
      active: boolean;
      memberRole: string | null;
    }>(
      manager,
      `SELECT u.id AS "userId", u.email, u.display_name AS "displayName", u.role, u.active, m.role AS "memberRole"
         FROM app_user u LEFT JOIN conference_member m ON m.user_id = u.id AND m.conference_id = $2 WHERE u.id = $1`,
      [userId, conferenceId],
    );
    if (!user) throw notFound('user', userId);
    if (user.role !== 'organizer') {
      throw unprocessable([
        fieldProblem(
          'userId',
          'coordinatorAccount',
          `a site coordinator is an organizer account; this one is ${user.role === 'admin' ? 'an admin (who reaches every site already)' : 'an observer (read-only)'}`,
        ),
      ]);
    }
    if (!user.active) throw unprocessable([fieldProblem('userId', 'activeAccount', 'this account is deactivated')]);
    if (user.memberRole) {
      throw conflict(
        'ALREADY_MEMBER',
        `This account is already ${user.memberRole === 'observer' ? 'an observer' : `an ${user.memberRole}`} of the conference; remove the membership first to make it a site coordinator.`,
        { memberRole: user.memberRole },
      );
    }
    return { userId: user.userId, email: user.email, displayName: user.displayName };
  }

  private async assertSitesOf(manager: EntityManager, conferenceId: string, siteIds: string[]): Promise<void> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM bridge_point WHERE conference_id = $1 AND id = ANY($2::uuid[])
       UNION ALL SELECT id FROM cluster WHERE conference_id = $1 AND id = ANY($2::uuid[])`,
      [conferenceId, siteIds],
    );
    const found = new Set(rows.map((r) => r.id));
    const missing = siteIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
    if (missing.length > 0) {
      throw unprocessable(
        missing.map(({ i }) =>
          fieldProblem(`siteIds[${i}]`, 'reference', 'names no bridge point or cluster of this conference'),
        ),
        undefined,
        'REFERENCE_NOT_FOUND',
      );
    }
  }
}

function withoutUser({ userId: _u, ...site }: SiteRow): CoordinatedSite {
  return site;
}
