import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { queryRows } from '../common/sql';
import { notFound } from '../common/problem';
import { isoInZone } from '../common/zoned-time';
import { InvitationScopes } from './invitation-scope';
import { InvitationSitesResponse, SitePlace } from './invitations.dto';

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
