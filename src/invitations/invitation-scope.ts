import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
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
 * their own site and the bridge points nested under it.
 */
export type SiteScope =
  | { kind: 'organizer' }
  | { kind: 'coordinator'; rootSiteId: string; siteIds: string[] };

export const inScope = (scope: SiteScope, siteId: string) => scope.kind === 'organizer' || scope.siteIds.includes(siteId);

const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'FORBIDDEN', detail);

@Injectable()
export class InvitationScopes {
  constructor(private readonly access: ConferenceAccess) {}

  /** For reads: organizers and observers see all sites, a coordinator link its own subtree; others 404. */
  async forRead(manager: EntityManager, principal: Principal, conferenceId: string): Promise<SiteScope> {
    if (principal.kind === 'link') return this.coordinatorScope(manager, principal, conferenceId);
    await this.access.assertCanRead(principal, conferenceId, manager);
    return { kind: 'organizer' };
  }

  /** For changes: owners, organizers and admins, or a coordinator link within its subtree. */
  async forChange(manager: EntityManager, principal: Principal, conferenceId: string): Promise<SiteScope> {
    if (principal.kind === 'link') return this.coordinatorScope(manager, principal, conferenceId);
    await this.access.assertCanManage(principal, conferenceId, manager);
    return { kind: 'organizer' };
  }

  /** Endpoints only the organizer has (the cascade, the letter, revoking links): a link gets 403. */
  async forOrganizer(manager: EntityManager, principal: Principal, conferenceId: string, change: boolean): Promise<void> {
    if (principal.kind === 'link') {
      await this.coordinatorScope(manager, principal, conferenceId);
      throw forbidden('This is the organizer’s view; a coordinator link does not open it.');
    }
    if (change) await this.access.assertCanManage(principal, conferenceId, manager);
    else await this.access.assertCanRead(principal, conferenceId, manager);
  }

  /** The site, if it belongs to the conference and the scope; 404 otherwise (another site is not revealed). */
  async site(manager: EntityManager, scope: SiteScope, conferenceId: string, siteId: string): Promise<Site> {
    const site = await findSite(manager, conferenceId, siteId);
    if (!site || !inScope(scope, site.id)) throw notFound('site', siteId);
    return site;
  }

  private async coordinatorScope(manager: EntityManager, principal: Principal & { kind: 'link' }, conferenceId: string): Promise<SiteScope> {
    if (principal.purpose !== COORDINATOR_LINK || principal.conferenceId !== conferenceId) throw notFound('conference', conferenceId);
    const root = await findSite(manager, conferenceId, principal.subjectId);
    if (!root) throw notFound('conference', conferenceId);
    const siteIds = root.kind === 'cluster' ? [root.id] : await subtreeOf(manager, root.id);
    return { kind: 'coordinator', rootSiteId: root.id, siteIds };
  }
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
