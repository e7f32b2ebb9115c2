import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Conference } from '../conferences/conference.entity';
import { CompositionRule } from './composition-rule.entity';
import { CompositionPreview, conferencePreview, delegatedEntry, SitePreview, sitePreview } from './composition-preview';
import { delegatesAt, loadSites, SiteInfo, unitNames } from './composition-sites';
import { PreviewQuery, siteFromQuery, siteOf } from './composition.dto';
import { DelegatedCounter, ResolvedSite, siteKey, SiteRef } from './composition.types';
import { Gap, Invitee, resolveSites } from './site-resolution';

interface DetailedSite {
  invitees: Invitee[];
  gaps: Gap[];
  delegated: { ruleId: string; unitId: string | null; label: string }[];
}

/**
 * Resolves composition rules to people, reading only, with the statements invitation generation
 * runs (site-resolution.ts); lists gaps and delegated rules.
 */
@Injectable()
export class CompositionService {
  private delegatedCounter: DelegatedCounter | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
  ) {}

  /** The invitations module tells how many people delegates have added; without it the count is 0. */
  registerDelegatedCounter(counter: DelegatedCounter): void {
    this.delegatedCounter = counter;
  }

  /** The contract for the invitations module: the site's invitees, delegated rules and gaps. */
  async resolveSite(manager: EntityManager, conferenceId: string, site: SiteRef): Promise<ResolvedSite> {
    const [info] = await loadSites(manager, conferenceId, '', [site]);
    const [resolution] = await resolveSites(manager, conferenceId, [site]);
    const detail = { ...resolution, delegated: delegatedOf(info, await this.rulesOf(manager, conferenceId, site)) };
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
    return this.suggestionsWithin(manager, conferenceId, site, rules, unitId);
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
      const resolutions = await resolveSites(
        manager,
        conferenceId,
        sites.map((s) => s.ref),
      );
      const previews: SitePreview[] = [];
      for (const [n, site] of sites.entries()) {
        const siteRules = rules.filter((r) => siteKey(siteOf(r)) === site.key);
        const detail = { ...resolutions[n], delegated: delegatedOf(site, siteRules) };
        // Suggestions cost queries per delegate unit: only for one site at a time.
        const suggestions = only ? await this.suggestionsBySite(manager, conferenceId, site, siteRules) : null;
        previews.push(await this.previewOf(manager, site, detail, counts, suggestions));
      }
      return conferencePreview(conferenceId, previews);
    });
  }

  /** Who the directory holds for these (delegated) rules within the delegate unit, first rule first. */
  private async suggestionsWithin(
    manager: EntityManager,
    conferenceId: string,
    site: SiteRef,
    rules: CompositionRule[],
    unitId: string,
  ): Promise<Invitee[]> {
    if (rules.length === 0) return [];
    const options = { ruleIds: rules.map((r) => r.id), withinUnitId: unitId, withoutGaps: true };
    const [resolution] = await resolveSites(manager, conferenceId, [site], options);
    return resolution.invitees;
  }

  /** Suggestions keyed `ruleId#unitId`, for each delegate unit of the site. */
  private async suggestionsBySite(
    manager: EntityManager,
    conferenceId: string,
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
      const invitees = await this.suggestionsWithin(manager, conferenceId, site.ref, own, unitId);
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

/** The site's delegated rules, each at the units it names ("do UBND các huyện mời"). */
function delegatedOf(site: SiteInfo, rules: CompositionRule[]): DetailedSite['delegated'] {
  return rules
    .filter((r) => r.delegateMode)
    .flatMap((r) =>
      delegatesAt(site, r.delegateMode!, r.delegateUnitId).map((unitId) => ({ ruleId: r.id, unitId, label: r.label })),
    );
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
