import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { HolderCriteria, HoldersService } from '../directory/holders.service';
import { CompositionRule } from './composition-rule.entity';
import { CompositionPreview, conferencePreview, delegatedEntry, SitePreview, sitePreview } from './composition-preview';
import { delegatesAt, loadSites, SiteInfo, unitNames } from './composition-sites';
import { PreviewQuery, siteFromQuery, siteOf } from './composition.dto';
import { DelegatedCounter, ResolvedSite, siteKey, SiteRef } from './composition.types';
import { Gap, Invitee, resolveRules, RuleMatches } from './resolve-rules';
import { selectedUnits as selectedUnitsOf } from './selected-units';

interface DetailedSite {
  invitees: Invitee[];
  gaps: Gap[];
  delegated: { ruleId: string; unitId: string | null; label: string }[];
}

/**
 * Resolves composition rules to people, reading only: HoldersService answers who holds the
 * roles, this service orders, caps and deduplicates, and lists gaps and delegated rules.
 */
@Injectable()
export class CompositionService {
  private delegatedCounter: DelegatedCounter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly holders: HoldersService,
  ) {}

  /** The invitations module tells how many people delegates have added; without it the count is 0. */
  registerDelegatedCounter(counter: DelegatedCounter): void {
    this.delegatedCounter = counter;
  }

  /** The contract for the invitations module: the site's invitees, delegated rules and gaps. */
  async resolveSite(manager: EntityManager, conferenceId: string, site: SiteRef): Promise<ResolvedSite> {
    const [info] = await loadSites(manager, conferenceId, '', [site]);
    const detail = await this.resolveDetailed(manager, info, await this.rulesOf(manager, conferenceId, site));
    return {
      invitees: detail.invitees.map(({ personId, unitId, ruleId }) => ({ personId, unitId, ruleId })),
      delegated: detail.delegated,
      gaps: detail.gaps.map(({ ruleId, unitId, role }) => ({ ruleId, unitId, role })),
    };
  }

  /** True when the site has at least one delegated rule. */
  async isDelegated(manager: EntityManager, conferenceId: string, site: SiteRef): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM composition_rule WHERE conference_id = $1 AND ${siteCondition(site)} AND delegate_mode IS NOT NULL) AS delegated`,
      [conferenceId, ...siteParams(site)],
    );
    return row.delegated;
  }

  /**
   * What the directory suggests to a delegate: the people within `unitId` (at any depth) that the
   * site's delegated rules for that unit describe by kind and role, each once (first rule wins).
   */
  async suggestDelegated(
    manager: EntityManager,
    conferenceId: string,
    site: SiteRef,
    unitId: string,
  ): Promise<Invitee[]> {
    const [info] = await loadSites(manager, conferenceId, '', [site]);
    const rules = (await this.rulesOf(manager, conferenceId, site)).filter(
      (r) => r.delegateMode && delegatesAt(info, r.delegateMode, r.delegateUnitId).includes(unitId),
    );
    return this.suggestionsWithin(manager, rules, unitId);
  }

  /** Every site with rules (or the one asked for), resolved in one snapshot; writes nothing. */
  async preview(principal: Principal, conferenceId: string, query: PreviewQuery): Promise<CompositionPreview> {
    await this.access.assertCanRead(principal, conferenceId);
    const only = siteFromQuery(query);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const conference = await manager.findOneByOrFail(Conference, { id: conferenceId });
      const rules = only ? await this.rulesOf(manager, conferenceId, only) : await this.rulesOf(manager, conferenceId);
      const refs = only ? [only] : distinctSites(rules);
      const sites = await loadSites(manager, conferenceId, conference.title, refs);
      const counts = this.delegatedCounter
        ? await this.delegatedCounter(manager, conferenceId)
        : new Map<string, number>();
      const previews: SitePreview[] = [];
      for (const site of sites) {
        const siteRules = rules.filter((r) => siteKey(siteOf(r)) === site.key);
        const detail = await this.resolveDetailed(manager, site, siteRules);
        // Suggestions cost queries per delegate unit: only for one site at a time.
        const suggestions = only ? await this.suggestionsBySite(manager, site, siteRules) : null;
        previews.push(await this.previewOf(manager, site, detail, counts, suggestions));
      }
      return conferencePreview(conferenceId, previews);
    });
  }

  private async resolveDetailed(
    manager: EntityManager,
    site: SiteInfo,
    rules: CompositionRule[],
  ): Promise<DetailedSite> {
    const matches: RuleMatches[] = [];
    for (const rule of rules.filter((r) => !r.delegateMode)) {
      const criteria = criteriaOf(rule);
      const [holders, units] = [await this.holders.find(criteria, manager), await selectedUnitsOf(manager, criteria)];
      matches.push({ rule, holders, units });
    }
    const { invitees, gaps } = resolveRules(matches);
    const delegated = rules
      .filter((r) => r.delegateMode)
      .flatMap((r) =>
        delegatesAt(site, r.delegateMode!, r.delegateUnitId).map((unitId) => ({
          ruleId: r.id,
          unitId,
          label: r.label,
        })),
      );
    return { invitees, gaps, delegated };
  }

  private async suggestionsWithin(
    manager: EntityManager,
    rules: CompositionRule[],
    unitId: string,
  ): Promise<Invitee[]> {
    const matches: RuleMatches[] = [];
    for (const rule of rules) {
      const criteria: HolderCriteria = { ...criteriaOf(rule), withinUnitId: unitId };
      matches.push({ rule, holders: await this.holders.find(criteria, manager), units: [] });
    }
    return resolveRules(matches).invitees;
  }

  /** Suggestions keyed `ruleId#unitId`, for each delegate unit of the site. */
  private async suggestionsBySite(
    manager: EntityManager,
    site: SiteInfo,
    rules: CompositionRule[],
  ): Promise<Map<string, Invitee[]>> {
    const delegated = rules.filter((r) => r.delegateMode);
    const units = new Set(
      delegated
        .flatMap((r) => delegatesAt(site, r.delegateMode!, r.delegateUnitId))
        .filter((u): u is string => u !== null),
    );
    const out = new Map<string, Invitee[]>();
    for (const unitId of units) {
      const own = delegated.filter((r) => delegatesAt(site, r.delegateMode!, r.delegateUnitId).includes(unitId));
      const invitees = await this.suggestionsWithin(manager, own, unitId);
      for (const rule of own)
        out.set(
          `${rule.id}#${unitId}`,
          invitees.filter((i) => i.ruleId === rule.id),
        );
    }
    return out;
  }

  private async previewOf(
    manager: EntityManager,
    site: SiteInfo,
    detail: DetailedSite,
    counts: Map<string, number>,
    suggestions: Map<string, Invitee[]> | null,
  ): Promise<SitePreview> {
    const names = await unitNames(
      manager,
      detail.delegated.flatMap((d) => (d.unitId ? [d.unitId] : [])),
    );
    const delegateUnits = new Set(detail.delegated.map((d) => d.unitId));
    const siteTotal = counts.get(site.key);
    // A count keyed by site alone belongs to its one delegate unit; with several it is only the site's total (added: null).
    const added = (unitId: string | null): number | null =>
      counts.get(siteKey(site.ref, unitId)) ??
      (delegateUnits.size === 1 || siteTotal === undefined ? (siteTotal ?? 0) : null);
    const delegated = detail.delegated.map((d) =>
      delegatedEntry(
        d,
        d.unitId ? (names.get(d.unitId) ?? null) : null,
        added(d.unitId),
        suggestions ? (suggestions.get(`${d.ruleId}#${d.unitId}`) ?? []) : null,
      ),
    );
    return sitePreview(site, detail.invitees, detail.gaps, delegated, siteTotal ?? 0);
  }

  private async rulesOf(manager: EntityManager, conferenceId: string, site?: SiteRef): Promise<CompositionRule[]> {
    const qb = manager
      .getRepository(CompositionRule)
      .createQueryBuilder('r')
      .where('r.conferenceId = :conferenceId', { conferenceId });
    if (site) qb.andWhere('r.siteKind = :kind', { kind: site.kind });
    if (site?.kind === 'bridge_point') qb.andWhere('r.bridgePointId = :id', { id: site.id });
    if (site?.kind === 'cluster') qb.andWhere('r.clusterId = :id', { id: site.id });
    return qb.orderBy('r.position').addOrderBy('r.createdAt').addOrderBy('r.id').getMany();
  }
}

function criteriaOf(rule: CompositionRule): HolderCriteria {
  const criteria: HolderCriteria = {};
  if (rule.roles) criteria.roles = rule.roles;
  if (rule.unitKinds) criteria.unitKinds = rule.unitKinds;
  if (rule.unitIds) criteria.unitIds = rule.unitIds;
  if (rule.childrenOfUnitId) criteria.childrenOf = rule.childrenOfUnitId;
  if (rule.withinUnitId) criteria.withinUnitId = rule.withinUnitId;
  return criteria;
}

function distinctSites(rules: CompositionRule[]): SiteRef[] {
  const sites = new Map<string, SiteRef>();
  for (const r of rules) sites.set(siteKey(siteOf(r)), siteOf(r));
  return [...sites.values()];
}

function siteCondition(site: SiteRef): string {
  if (site.kind === 'bridge_point') return `site_kind = 'bridge_point' AND bridge_point_id = $2`;
  if (site.kind === 'cluster') return `site_kind = 'cluster' AND cluster_id = $2`;
  return `site_kind = 'conference'`;
}

const siteParams = (site: SiteRef): string[] => (site.kind === 'conference' ? [] : [site.id]);
