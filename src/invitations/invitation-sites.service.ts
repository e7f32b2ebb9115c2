import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/principal';
import { queryRows } from '../common/sql';
import { foldVietnamese } from '../common/text';
import { fieldProblem, notFound, unprocessable } from '../common/problem';
import { isoInZone } from '../common/zoned-time';
import { InvitationScopes } from './invitation-scope';
import { Candidate, CandidatesQuery, InvitationSitesResponse, SitePlace } from './invitations.dto';

/**
 * What a coordinator needs to invite their point's people without knowing the API: the
 * conference (title, time, zone) and each site they reach, with its place and the composition
 * asked of it. The organizer sees every site. Backs the console's coordinator page.
 */
@Injectable()
export class InvitationSites {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
  ) {}

  /**
   * The directory's people a coordinator would invite at a site: those holding a current position
   * in the unit of the point (a cluster: its host unit) or a unit below it, not yet invited to the
   * conference. Addresses are not shown, only whether there is one.
   */
  async candidates(
    principal: Principal,
    conferenceId: string,
    query: CandidatesQuery,
  ): Promise<{ items: Candidate[] }> {
    const manager = this.dataSource.manager;
    const scope = await this.scopes.forRead(manager, principal, conferenceId);
    // Asked after the access check, so that a stranger learns nothing from a 422.
    const siteId = query.siteId ?? (scope.kind === 'coordinator' ? scope.rootSiteIds[0] : undefined);
    if (!siteId) throw unprocessable([fieldProblem('siteId', 'required', 'siteId is required to search for a site')]);
    const site = await this.scopes.site(manager, scope, conferenceId, siteId);
    const words = query.q ? foldVietnamese(query.q).trim() : '';
    const items = await queryRows<Candidate>(
      manager,
      `WITH RECURSIVE within_unit AS (
         SELECT unit_id AS id FROM bridge_point WHERE id = $1 AND unit_id IS NOT NULL
         UNION SELECT host_unit_id FROM cluster WHERE id = $1 AND host_unit_id IS NOT NULL
         UNION SELECT c.id FROM unit c JOIN within_unit w ON c.parent_id = w.id)
       SELECT DISTINCT ON (p.full_name, p.id) p.id AS "personId", p.full_name AS "fullName", pp.title AS position,
              u.name AS "unitName", p.email IS NOT NULL AS "hasEmail"
         FROM person_position pp JOIN unit u ON u.id = pp.unit_id JOIN person p ON p.id = pp.person_id
        WHERE pp.ended_on IS NULL AND p.active AND u.active AND pp.unit_id IN (SELECT id FROM within_unit)
          AND ($2 = '' OR p.search_key LIKE '%' || $2 || '%')
          AND NOT EXISTS (SELECT 1 FROM invitation i
                           WHERE i.conference_id = $3 AND i.person_id = p.id AND i.withdrawn_at IS NULL)
        ORDER BY p.full_name, p.id, pp.started_on NULLS FIRST
        LIMIT $4`,
      [site.id, words.replace(/[%_\\]/g, ''), conferenceId, query.limit],
    );
    return { items };
  }

  async list(principal: Principal, conferenceId: string): Promise<InvitationSitesResponse> {
    const manager = this.dataSource.manager;
    const scope = await this.scopes.forRead(manager, principal, conferenceId);
    const [conference] = await queryRows<{
      id: string;
      title: string;
      status: string;
      time_zone: string;
      starts_at: Date | null;
      ends_at: Date | null;
    }>(manager, `SELECT id, title, status, time_zone, starts_at, ends_at FROM conference WHERE id = $1`, [
      conferenceId,
    ]);
    if (!conference) throw notFound('conference', conferenceId);
    const ids = scope.kind === 'organizer' ? null : scope.siteIds;
    const roots = scope.kind === 'organizer' ? null : scope.rootSiteIds;
    const rows = await queryRows<SiteRow>(
      manager,
      `SELECT s.*, coalesce((SELECT array_agg(r.label ORDER BY r.position) FROM composition_rule r
                              WHERE coalesce(r.bridge_point_id, r.cluster_id) = s.id), '{}') AS composition
         FROM (SELECT 'bridge_point' AS kind, id, name, parent_id, depth, room, address, meeting_link,
                      NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at
                 FROM bridge_point WHERE conference_id = $1
               UNION ALL
               SELECT 'cluster', id, coalesce(name, 'Cụm ' || number), NULL, 0, venue, NULL, NULL, starts_at, ends_at
                 FROM cluster WHERE conference_id = $1) s
        WHERE $2::uuid[] IS NULL OR s.id = ANY($2::uuid[])
        ORDER BY s.kind, s.depth, s.name`,
      [conferenceId, ids],
    );
    const zone = conference.time_zone;
    return {
      conference: {
        id: conference.id,
        title: conference.title,
        status: conference.status,
        timeZone: zone,
        startsAt: conference.starts_at ? isoInZone(conference.starts_at, zone) : null,
        endsAt: conference.ends_at ? isoInZone(conference.ends_at, zone) : null,
      },
      sites: rows.map((r): SitePlace => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        parentId: r.parent_id,
        depth: r.depth,
        own: roots === null || roots.includes(r.id),
        room: r.room,
        address: r.address,
        meetingLink: r.meeting_link,
        startsAt: r.starts_at ? isoInZone(r.starts_at, zone) : null,
        endsAt: r.ends_at ? isoInZone(r.ends_at, zone) : null,
        composition: r.composition,
      })),
    };
  }
}

interface SiteRow {
  kind: 'bridge_point' | 'cluster';
  id: string;
  name: string;
  parent_id: string | null;
  depth: number;
  room: string | null;
  address: string | null;
  meeting_link: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  composition: string[];
}
