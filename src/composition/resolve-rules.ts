import type { PersonRole } from '../directory/directory.constants';
import type { Holder } from '../directory/holders.service';
import { EVERYONE } from './composition.types';

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

export interface Invitee {
  personId: string;
  fullName: string;
  email: string | null;
  language: string;
  unitId: string;
  unitName: string;
  role: PersonRole;
  title: string;
  ruleId: string;
  /** Later rules of the site that matched this person too. */
  alsoMatching: string[];
}

export interface Gap {
  ruleId: string;
  unitId: string;
  unitName: string;
  role: string;
}

/**
 * Resolves a site's rules, in position order: each person once (the first rule wins, later ones
 * are listed as also matching), at most `maxPerUnit` per unit and rule (the first listed role
 * first), and a gap for each selected unit with nobody in a role — unless the unit already sent
 * as many as the rule allows.
 *
 * Invitation generation resolves many sites at once with the same rules written in SQL
 * (src/invitations/invitation-generation.sql.ts): a change here belongs there too.
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
