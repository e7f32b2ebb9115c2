import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../auth/principal';
import { queryRows } from '../common/sql';
import { CompositionService } from '../composition/composition.service';
import { ResolvedSite, siteKey, SiteRef } from '../composition/composition.types';
import { lockConference } from './invitations.service';
import { findSite, InvitationScopes, Site, SiteScope } from './invitation-scope';
import { GenerateResult, SiteTargetDto } from './invitations.dto';

/**
 * Invitations from the composition rules, per site, in one request: each site's rules are
 * resolved by the composition module and their people inserted with one statement that skips
 * whoever is already invited, so generating twice adds nothing. The rules of the conference as a
 * whole invite to the host point.
 */
@Injectable()
export class InvitationGeneration implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
    private readonly composition: CompositionService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // The composition preview shows how many people each delegated site has invited itself.
    this.composition.registerDelegatedCounter(async (manager, conferenceId) => {
      const rows = await queryRows<{ kind: 'bridge_point' | 'cluster'; id: string; n: number }>(
        manager,
        `SELECT CASE WHEN cluster_id IS NULL THEN 'bridge_point' ELSE 'cluster' END AS kind, coalesce(bridge_point_id, cluster_id) AS id, count(*)::int AS n
           FROM invitation WHERE conference_id = $1 AND withdrawn_at IS NULL AND source IN ('coordinator', 'substitute') GROUP BY 1, 2`,
        [conferenceId],
      );
      return new Map(rows.map((r) => [siteKey({ kind: r.kind, id: r.id }), r.n]));
    });
  }

  async generate(principal: Principal, actor: Actor, conferenceId: string, dto: SiteTargetDto): Promise<GenerateResult> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopes.forChange(manager, principal, conferenceId);
      await lockConference(manager, conferenceId);
      const sites = await this.sitesFor(manager, scope, conferenceId, dto);
      const result: GenerateResult = { created: 0, existing: 0, sites: [] };
      for (const site of sites) {
        const resolved = await this.resolve(manager, conferenceId, site);
        const created = await insertResolved(manager, actor, conferenceId, site, resolved.invitees);
        const entry = { siteId: site.id, siteKind: site.kind, created, existing: resolved.invitees.length - created, delegated: resolved.delegated, gaps: resolved.gaps };
        result.sites.push(entry);
        result.created += entry.created;
        result.existing += entry.existing;
      }
      await this.audit.record(manager, actor, { action: 'invitation.generate', entityType: 'conference', entityId: conferenceId, conferenceId, after: { siteId: dto.siteId ?? null, created: result.created, existing: result.existing } });
      return result;
    });
  }

  /** A site's own rules; the host point also takes the rules of the conference as a whole. */
  private async resolve(manager: EntityManager, conferenceId: string, site: Site): Promise<ResolvedSite> {
    const ref: SiteRef = site.kind === 'cluster' ? { kind: 'cluster', id: site.id } : { kind: 'bridge_point', id: site.id };
    const own = await this.composition.resolveSite(manager, conferenceId, ref);
    const [host] = await manager.query(`SELECT 1 FROM bridge_point WHERE id = $1 AND role = 'host'`, [site.id]);
    if (!host) return own;
    const whole = await this.composition.resolveSite(manager, conferenceId, { kind: 'conference' });
    const seen = new Set(own.invitees.map((i) => i.personId));
    return {
      invitees: [...own.invitees, ...whole.invitees.filter((i) => !seen.has(i.personId))],
      delegated: [...own.delegated, ...whole.delegated],
      gaps: [...own.gaps, ...whole.gaps],
    };
  }

  private async sitesFor(manager: EntityManager, scope: SiteScope, conferenceId: string, dto: SiteTargetDto): Promise<Site[]> {
    if (dto.siteId) {
      const site = await this.scopes.site(manager, scope, conferenceId, dto.siteId);
      if (!dto.includeBelow || site.kind === 'cluster') return [site];
    }
    const ids = dto.siteId
      ? (await manager.query(`WITH RECURSIVE t AS (SELECT id FROM bridge_point WHERE id = $1 UNION ALL SELECT p.id FROM bridge_point p JOIN t ON p.parent_id = t.id) SELECT id FROM t`, [dto.siteId])).map((r: { id: string }) => r.id)
      : scope.kind === 'coordinator'
        ? scope.siteIds
        : (await manager.query(`SELECT id FROM bridge_point WHERE conference_id = $1 UNION ALL SELECT id FROM cluster WHERE conference_id = $1 AND status = 'scheduled'`, [conferenceId])).map((r: { id: string }) => r.id);
    // One query at a time: the transaction's connection runs them in order anyway.
    const sites: Site[] = [];
    for (const id of ids as string[]) {
      const site = await findSite(manager, conferenceId, id);
      if (site) sites.push(site);
    }
    return sites.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
  }
}

/** One statement per site; people already invited to the conference (anywhere) are skipped. */
async function insertResolved(manager: EntityManager, actor: Actor, conferenceId: string, site: Site, invitees: ResolvedSite['invitees']): Promise<number> {
  if (invitees.length === 0) return 0;
  const rows = await queryRows<{ id: string }>(
    manager,
    `INSERT INTO invitation (conference_id, bridge_point_id, cluster_id, person_id, rule_id, source, added_by_kind, added_by_id, added_by_label)
     SELECT $1, $2, $3, u.person_id, u.rule_id, 'composition', $6, $7, $8
       FROM unnest($4::uuid[], $5::uuid[]) AS u(person_id, rule_id)
       JOIN person p ON p.id = u.person_id AND p.active
     ON CONFLICT (conference_id, person_id) WHERE withdrawn_at IS NULL DO NOTHING
     RETURNING id`,
    [
      conferenceId,
      site.kind === 'bridge_point' ? site.id : null,
      site.kind === 'cluster' ? site.id : null,
      invitees.map((i) => i.personId),
      invitees.map((i) => i.ruleId),
      actor.kind,
      actor.id,
      actor.label,
    ],
  );
  return rows.length;
}
