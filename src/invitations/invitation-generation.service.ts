import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { queryRows } from '../common/sql';
import { delegatesAt, SiteInfo } from '../composition/composition-sites';
import { CompositionService } from '../composition/composition.service';
import { ResolvedSite, siteKey, SiteRef } from '../composition/composition.types';
import { lockConference } from './invitations.service';
import { SITE_GAPS } from '../composition/composition-resolution.sql';
import { INSERT_RESOLVED } from './invitation-generation.sql';
import { InvitationScopes, SiteKind, SiteScope } from './invitation-scope';
import { GenerateResult, SiteTargetDto } from './invitations.dto';

/**
 * Over this many sites the resolution is planned without nested loops (for the rest of the transaction):
 * the planner sees the sites as an array of unknown size and rules written just before (a copy to
 * thousands of points) without statistics, estimates one row for each, and nests loops over them —
 * quadratic in the sites (437 s for 10,001). Hash and merge joins are linear whatever the estimates;
 * for a few sites the index lookups of nested loops are what makes them fast.
 */
const NESTED_LOOPS_UP_TO = 100;

/** A site to generate for, with what its delegated rules need to know of it. */
interface GenerationSite {
  kind: SiteKind;
  id: string;
  name: string;
  depth: number;
  host: boolean;
  hostUnitId: string | null;
  unitIds: string[];
}

interface DelegatedRule {
  id: string;
  siteKind: 'conference' | SiteKind;
  siteId: string | null;
  label: string;
  delegateMode: 'unit' | 'site_host' | 'site_units';
  delegateUnitId: string | null;
}

/**
 * Invitations from the composition rules of every site asked for, in one request and a handful
 * of statements whatever the number of sites: the sites (two), their rules resolved and inserted
 * in one INSERT … SELECT that skips whoever is already invited — so generating twice adds nothing —
 * their gaps (one) and their delegated rules (one). Sites invite in order (depth, then name): a
 * person several sites' rules name is invited by the first. The rules of the conference as a whole
 * invite to the host point, after its own.
 *
 * All of it runs under the conference's row lock, as before: rule, point and schedule changes and
 * sends take that lock too, so the sites and rules read here are the ones the invitations are
 * written for, and a send sees all of a generation or none of it. Being set-wise is what makes the
 * lock short (seconds where it was minutes at national scale).
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

  async generate(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: SiteTargetDto,
  ): Promise<GenerateResult> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopes.forChange(manager, principal, conferenceId);
      await lockConference(manager, conferenceId);
      const sites = await this.sitesFor(manager, scope, conferenceId, dto);
      // Local to this transaction: the pooled connection gets its setting back at COMMIT or ROLLBACK.
      if (sites.length > NESTED_LOOPS_UP_TO) await manager.query(`SELECT set_config('enable_nestloop', 'off', true)`);
      const params = [
        conferenceId,
        sites.map((s) => s.id),
        sites.map((s) => s.kind),
        sites.map((s) => s.host),
        null,
        null,
      ];
      const counts = await queryRows<{ siteId: string; resolved: number; created: number }>(manager, INSERT_RESOLVED, [
        ...params,
        actor.kind,
        actor.id,
        actor.label,
      ]);
      const gaps = await queryRows<ResolvedSite['gaps'][number] & { siteId: string }>(manager, SITE_GAPS, params);
      const delegated = await delegatedOf(manager, conferenceId, sites);
      const bySite = new Map(counts.map((c) => [c.siteId, c]));
      const gapsBySite = groupBy(gaps, (g) => g.siteId);
      const result: GenerateResult = { created: 0, existing: 0, sites: [] };
      for (const site of sites) {
        const count = bySite.get(site.id) ?? { resolved: 0, created: 0 };
        const entry = {
          siteId: site.id,
          siteKind: site.kind,
          created: count.created,
          existing: count.resolved - count.created,
          delegated: delegated.get(site.id) ?? [],
          gaps: (gapsBySite.get(site.id) ?? []).map(({ ruleId, unitId, role }) => ({ ruleId, unitId, role })),
        };
        result.sites.push(entry);
        result.created += entry.created;
        result.existing += entry.existing;
      }
      await this.audit.record(manager, actor, {
        action: 'invitation.generate',
        entityType: 'conference',
        entityId: conferenceId,
        conferenceId,
        after: { siteId: dto.siteId ?? null, created: result.created, existing: result.existing },
      });
      return result;
    });
  }

  /** The sites asked for, in the order they invite: depth, then name. */
  private async sitesFor(
    manager: EntityManager,
    scope: SiteScope,
    conferenceId: string,
    dto: SiteTargetDto,
  ): Promise<GenerationSite[]> {
    let ids: string[];
    if (dto.siteId) {
      const site = await this.scopes.site(manager, scope, conferenceId, dto.siteId);
      ids =
        !dto.includeBelow || site.kind === 'cluster'
          ? [site.id]
          : (
              await manager.query(
                `WITH RECURSIVE t AS (SELECT id FROM bridge_point WHERE id = $1 UNION ALL SELECT p.id FROM bridge_point p JOIN t ON p.parent_id = t.id) SELECT id FROM t`,
                [dto.siteId],
              )
            ).map((r: { id: string }) => r.id);
    } else {
      ids =
        scope.kind === 'coordinator'
          ? scope.siteIds
          : (
              await manager.query(
                `SELECT id FROM bridge_point WHERE conference_id = $1 UNION ALL SELECT id FROM cluster WHERE conference_id = $1 AND status = 'scheduled'`,
                [conferenceId],
              )
            ).map((r: { id: string }) => r.id);
    }
    const sites = await queryRows<GenerationSite>(
      manager,
      `SELECT s.kind, s.id, s.name, s.depth, s.host, s.host_unit_id AS "hostUnitId", s.unit_ids AS "unitIds"
         FROM unnest($2::uuid[]) WITH ORDINALITY AS asked(id, ord)
         JOIN (SELECT 'bridge_point' AS kind, id, name, depth, role = 'host' AS host, unit_id AS host_unit_id, '{}'::uuid[] AS unit_ids
                 FROM bridge_point WHERE conference_id = $1
               UNION ALL
               SELECT 'cluster', c.id, coalesce(c.name, 'Cụm ' || c.number), 0, false, c.host_unit_id,
                      coalesce(array(SELECT cu.unit_id FROM cluster_unit cu WHERE cu.cluster_id = c.id ORDER BY cu.position), '{}')
                 FROM cluster c WHERE c.conference_id = $1) s ON s.id = asked.id
        ORDER BY asked.ord`,
      [conferenceId, ids],
    );
    // Sorted here, not in SQL: the order is JavaScript's localeCompare, as it has always been.
    return sites.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
  }
}

/**
 * Each site's delegated rules by the unit that fills them, as the composition module lists them:
 * the site's own in rule order, then for the host point those of the conference as a whole.
 */
async function delegatedOf(
  manager: EntityManager,
  conferenceId: string,
  sites: GenerationSite[],
): Promise<Map<string, ResolvedSite['delegated']>> {
  const rules = await queryRows<DelegatedRule>(
    manager,
    `SELECT id, site_kind AS "siteKind", coalesce(bridge_point_id, cluster_id) AS "siteId", label, delegate_mode AS "delegateMode", delegate_unit_id AS "delegateUnitId"
       FROM composition_rule WHERE conference_id = $1 AND delegate_mode IS NOT NULL ORDER BY position, created_at, id`,
    [conferenceId],
  );
  const out = new Map<string, ResolvedSite['delegated']>();
  if (rules.length === 0) return out;
  const bySite = groupBy(rules, (r) => r.siteId ?? 'conference');
  const whole = infoOf({ kind: 'conference' }, null, []);
  const entries = (info: SiteInfo, own: DelegatedRule[]) =>
    own.flatMap((r) =>
      delegatesAt(info, r.delegateMode, r.delegateUnitId).map((unitId) => ({ ruleId: r.id, unitId, label: r.label })),
    );
  for (const site of sites) {
    const info = infoOf(
      site.kind === 'cluster' ? { kind: 'cluster', id: site.id } : { kind: 'bridge_point', id: site.id },
      site.hostUnitId,
      site.unitIds,
    );
    const list = [
      ...entries(info, bySite.get(site.id) ?? []),
      ...(site.host ? entries(whole, bySite.get('conference') ?? []) : []),
    ];
    if (list.length > 0) out.set(site.id, list);
  }
  return out;
}

const infoOf = (ref: SiteRef, hostUnitId: string | null, unitIds: string[]): SiteInfo => ({
  ref,
  key: siteKey(ref),
  name: '',
  hostUnitId,
  unitIds,
});

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
