import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { notFound, ProblemException } from '../common/problem';
import { ConferenceAccess } from '../conferences/conference-access.service';

/** Purpose of a site coordinator's link; its subject is a bridge point or a cluster. */
export const COORDINATOR_LINK = 'site-coordinator';
/** Purpose of a delegate's answer link; its subject is an invitation. */
export const ANSWER_LINK = 'invitation';

export type SiteKind = 'bridge_point' | 'cluster';

export interface Site {
  kind: SiteKind;
  id: string;
  conferenceId: string;
  name: string;
  parentId: string | null;
  depth: number;
}

/**
 * What a caller may reach among a conference's sites: the organizer everything, a coordinator
 * (a link, or an account assigned to sites) their own sites and the bridge points nested under them.
 */
export type SiteScope =
  { kind: 'organizer' } | { kind: 'coordinator'; rootSiteIds: string[]; siteIds: string[]; clusterIds: string[] };

export const inScope = (scope: SiteScope, siteId: string) =>
  scope.kind === 'organizer' || scope.siteIds.includes(siteId);

const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail);

@Injectable()
export class InvitationScopes {
  constructor(private readonly access: ConferenceAccess) {}

  /**
   * For reads: members (organizers and observers) and admins see all sites; a coordinator — link
   * or account — its own subtrees; others 404.
   */
  async forRead(manager: EntityManager, principal: Principal, conferenceId: string): Promise<SiteScope> {
    if (principal.kind === 'link') return this.linkScope(manager, principal, conferenceId);
    return this.userScope(manager, principal, conferenceId, (m) =>
      this.access.assertCanRead(principal, conferenceId, m),
    );
  }

  /** For changes: owners, organizers and admins; or a coordinator within their subtrees. */
  async forChange(manager: EntityManager, principal: Principal, conferenceId: string): Promise<SiteScope> {
    if (principal.kind === 'link') return this.linkScope(manager, principal, conferenceId);
    return this.userScope(manager, principal, conferenceId, (m) =>
      this.access.assertCanManage(principal, conferenceId, m),
    );
  }

  /** Endpoints only the organizer has (the cascade, the letter, revoking links): a coordinator gets 403. */
  async forOrganizer(
    manager: EntityManager,
    principal: Principal,
    conferenceId: string,
    change: boolean,
  ): Promise<void> {
    const check = (m: EntityManager) =>
      change
        ? this.access.assertCanManage(principal, conferenceId, m)
        : this.access.assertCanRead(principal, conferenceId, m);
    const scope =
      principal.kind === 'link'
        ? await this.linkScope(manager, principal, conferenceId)
        : await this.userScope(manager, principal, conferenceId, check);
    if (scope.kind === 'coordinator')
      throw forbidden('This is the organizer’s view; a site coordinator does not open it.');
  }

  /** The site, if it belongs to the conference and the scope; 404 otherwise (another site is not revealed). */
  async site(manager: EntityManager, scope: SiteScope, conferenceId: string, siteId: string): Promise<Site> {
    const site = await findSite(manager, conferenceId, siteId);
    if (!site || !inScope(scope, site.id)) throw notFound('site', siteId);
    return site;
  }

  private async linkScope(
    manager: EntityManager,
    principal: Principal & { kind: 'link' },
    conferenceId: string,
  ): Promise<SiteScope> {
    if (principal.purpose !== COORDINATOR_LINK || principal.conferenceId !== conferenceId)
      throw notFound('conference', conferenceId);
    const scope = await coordinatorScope(manager, conferenceId, [principal.subjectId]);
    if (!scope) throw notFound('conference', conferenceId);
    return scope;
  }

  /**
   * An account: a member of the conference (or an admin) passes `check` and reaches every site.
   * Otherwise the sites it coordinates, if any; an observer member without sites keeps the
   * member's answer (403 on a change), anyone else gets 404.
   */
  private async userScope(
    manager: EntityManager,
    principal: Principal & { kind: 'user' },
    conferenceId: string,
    check: (m: EntityManager) => Promise<unknown>,
  ): Promise<SiteScope> {
    try {
      await check(manager);
      return { kind: 'organizer' };
    } catch (refusal) {
      const roots = await coordinatedSites(manager, conferenceId, principal.userId);
      const scope = roots.length > 0 ? await coordinatorScope(manager, conferenceId, roots) : null;
      if (!scope) throw refusal;
      return scope;
    }
  }
}

/** The sites an account coordinates in a conference (bridge points and clusters). */
export async function coordinatedSites(
  manager: EntityManager,
  conferenceId: string,
  userId: string,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT coalesce(bridge_point_id, cluster_id) AS id FROM site_coordinator WHERE conference_id = $1 AND user_id = $2`,
    [conferenceId, userId],
  );
  return rows.map((r) => r.id);
}

/** A coordinator's reach from their root sites: each cluster itself, each point with every point below it. */
async function coordinatorScope(
  manager: EntityManager,
  conferenceId: string,
  rootIds: string[],
): Promise<SiteScope | null> {
  const rows: { id: string; kind: SiteKind; root: boolean }[] = await manager.query(
    `WITH RECURSIVE t AS (
       SELECT id, true AS root FROM bridge_point WHERE id = ANY($2::uuid[]) AND conference_id = $1
       UNION SELECT p.id, false FROM bridge_point p JOIN t ON p.parent_id = t.id)
     SELECT id, 'bridge_point' AS kind, bool_or(root) AS root FROM t GROUP BY id
     UNION ALL SELECT id, 'cluster', true FROM cluster WHERE id = ANY($2::uuid[]) AND conference_id = $1`,
    [conferenceId, rootIds],
  );
  if (!rows.some((r) => r.root)) return null;
  return {
    kind: 'coordinator',
    rootSiteIds: rows.filter((r) => r.root).map((r) => r.id),
    siteIds: rows.map((r) => r.id),
    clusterIds: rows.filter((r) => r.kind === 'cluster').map((r) => r.id),
  };
}

/** A bridge point or a cluster of the conference, by id. */
export async function findSite(manager: EntityManager, conferenceId: string, siteId: string): Promise<Site | null> {
  const rows: Site[] = await manager.query(
    `SELECT 'bridge_point' AS kind, id, conference_id AS "conferenceId", name, parent_id AS "parentId", depth FROM bridge_point WHERE id = $1 AND conference_id = $2
     UNION ALL
     SELECT 'cluster', id, conference_id, coalesce(name, 'Cụm ' || number), NULL, 0 FROM cluster WHERE id = $1 AND conference_id = $2`,
    [siteId, conferenceId],
  );
  return rows[0] ?? null;
}

/** The point and every point nested under it, at any depth. */
export async function subtreeOf(manager: EntityManager, pointId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH RECURSIVE t AS (SELECT id FROM bridge_point WHERE id = $1 UNION ALL SELECT p.id FROM bridge_point p JOIN t ON p.parent_id = t.id)
     SELECT id FROM t`,
    [pointId],
  );
  return rows.map((r) => r.id);
}
