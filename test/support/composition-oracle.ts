import type { EntityManager } from 'typeorm';
import { CompositionRule } from '../../src/composition/composition-rule.entity';
import { delegatesAt, loadSites } from '../../src/composition/composition-sites';
import { EVERYONE, ResolvedSite, SiteRef } from '../../src/composition/composition.types';
import type { PersonRole } from '../../src/directory/directory.constants';
import { HolderCriteria, Holder, holdersQuery } from '../../src/directory/holders.service';
import { SqlParams } from '../../src/common/sql-params';
import type { Gap, Invitee } from '../../src/composition/site-resolution';

/**
 * A reference model of composition, written plainly and one site at a time, for the tests to hold
 * the set-wise SQL (src/composition/composition-resolution.sql.ts) to: the directory's holders
 * query and the units a rule selects, then the rules applied in TypeScript. It is what the
 * composition module ran before its preview and generation shared one statement.
 */

/** What resolution needs of a rule. `roles` null: everyone in the unit. */
export interface RuleToResolve {
  id: string;
  roles: PersonRole[] | null;
  maxPerUnit: number | null;
}

/** A rule with what the directory answered for it: the holders, and the units it selects. */
export interface RuleMatches {
  rule: RuleToResolve;
  holders: Holder[];
  units: { id: string; name: string }[];
}

/**
 * Resolves a site's rules, in position order: each person once (the first rule wins, later ones
 * are listed as also matching), at most `maxPerUnit` per unit and rule (the first listed role
 * first), and a gap for each selected unit with nobody in a role — unless the unit already sent
 * as many as the rule allows.
 */
export function resolveRules(matches: RuleMatches[]): { invitees: Invitee[]; gaps: Gap[] } {
  const invited = new Map<string, Invitee>();
  const gaps: Gap[] = [];
  for (const { rule, holders, units } of matches) {
    const byUnit = groupByUnit(holders);
    for (const unitHolders of byUnit.values()) {
      for (const holder of pick(rule, unitHolders)) {
        const earlier = invited.get(holder.personId);
        if (!earlier) invited.set(holder.personId, inviteeOf(holder, rule.id));
        else if (earlier.ruleId !== rule.id && !earlier.alsoMatching.includes(rule.id))
          earlier.alsoMatching.push(rule.id);
      }
    }
    for (const unit of units) gaps.push(...gapsOf(rule, unit, byUnit.get(unit.id) ?? []));
  }
  return { invitees: [...invited.values()], gaps };
}

function groupByUnit(holders: Holder[]): Map<string, Holder[]> {
  const byUnit = new Map<string, Holder[]>();
  for (const h of holders) {
    const list = byUnit.get(h.unitId);
    if (list) list.push(h);
    else byUnit.set(h.unitId, [h]);
  }
  return byUnit;
}

/** One holder per person in the unit, the rule's first roles first, capped at maxPerUnit. */
function pick(rule: RuleToResolve, holders: Holder[]): Holder[] {
  const rank = (role: PersonRole) => (rule.roles ? rule.roles.indexOf(role) : 0);
  const ordered = holders.map((h, i) => ({ h, i })).sort((a, b) => rank(a.h.role) - rank(b.h.role) || a.i - b.i);
  const seen = new Set<string>();
  const picked: Holder[] = [];
  for (const { h } of ordered) {
    if (seen.has(h.personId)) continue;
    seen.add(h.personId);
    picked.push(h);
  }
  return rule.maxPerUnit ? picked.slice(0, rule.maxPerUnit) : picked;
}

function gapsOf(rule: RuleToResolve, unit: { id: string; name: string }, holders: Holder[]): Gap[] {
  const gap = (role: string): Gap => ({ ruleId: rule.id, unitId: unit.id, unitName: unit.name, role });
  if (!rule.roles) return holders.length === 0 ? [gap(EVERYONE)] : [];
  const people = new Set(holders.map((h) => h.personId)).size;
  if (rule.maxPerUnit && people >= rule.maxPerUnit) return [];
  const held = new Set(holders.map((h) => h.role));
  return rule.roles.filter((role) => !held.has(role)).map(gap);
}

function inviteeOf(h: Holder, ruleId: string): Invitee {
  return {
    personId: h.personId,
    fullName: h.fullName,
    email: h.email,
    language: h.language,
    unitId: h.unitId,
    unitName: h.unitName,
    role: h.role,
    title: h.title,
    ruleId,
    alsoMatching: [],
  };
}

/** One site resolved by the model, as CompositionService.resolveSite answers it. */
export async function resolveSiteByModel(
  manager: EntityManager,
  conferenceId: string,
  site: SiteRef,
): Promise<ResolvedSite> {
  const [info] = await loadSites(manager, conferenceId, '', [site]);
  const qb = manager
    .getRepository(CompositionRule)
    .createQueryBuilder('r')
    .where('r.conferenceId = :conferenceId AND r.siteKind = :kind', { conferenceId, kind: site.kind });
  if (site.kind === 'bridge_point') qb.andWhere('r.bridgePointId = :id', { id: site.id });
  if (site.kind === 'cluster') qb.andWhere('r.clusterId = :id', { id: site.id });
  const rules = await qb.orderBy('r.position').addOrderBy('r.createdAt').addOrderBy('r.id').getMany();
  const matches: RuleMatches[] = [];
  for (const rule of rules.filter((r) => !r.delegateMode)) {
    const criteria = criteriaOf(rule);
    const { sql, params } = holdersQuery(criteria);
    matches.push({ rule, holders: await manager.query(sql, params), units: await selectedUnits(manager, criteria) });
  }
  const { invitees, gaps } = resolveRules(matches);
  return {
    invitees: invitees.map(({ personId, unitId, ruleId }) => ({ personId, unitId, ruleId })),
    delegated: rules
      .filter((r) => r.delegateMode)
      .flatMap((r) =>
        delegatesAt(info, r.delegateMode!, r.delegateUnitId).map((unitId) => ({
          ruleId: r.id,
          unitId,
          label: r.label,
        })),
      ),
    gaps: gaps.map(({ ruleId, unitId, role }) => ({ ruleId, unitId, role })),
  };
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

/** The active units a rule selects, for its gaps (the holders query only answers units with someone). */
async function selectedUnits(
  manager: EntityManager,
  criteria: HolderCriteria,
): Promise<{ id: string; name: string }[]> {
  const p = new SqlParams();
  const where = ['u.active'];
  let cte = '';
  if (criteria.unitKinds) where.push(`u.kind = ANY(${p.add(criteria.unitKinds)}::text[])`);
  if (criteria.unitIds) where.push(`u.id = ANY(${p.add(criteria.unitIds)}::uuid[])`);
  if (criteria.childrenOf) where.push(`u.parent_id = ${p.add(criteria.childrenOf)}`);
  if (criteria.withinUnitId) {
    cte = `WITH RECURSIVE within_unit AS (
      SELECT id FROM unit WHERE id = ${p.add(criteria.withinUnitId)}
      UNION ALL SELECT c.id FROM unit c JOIN within_unit w ON c.parent_id = w.id)`;
    where.push('u.id IN (SELECT id FROM within_unit)');
  }
  return manager.query(
    `${cte} SELECT u.id, u.name FROM unit u WHERE ${where.join(' AND ')} ORDER BY u.name, u.id`,
    p.values,
  );
}
