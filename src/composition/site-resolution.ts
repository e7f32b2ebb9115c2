import type { EntityManager } from 'typeorm';
import type { PersonRole } from '../directory/directory.constants';
import { queryRows } from '../common/sql';
import { SITE_GAPS, SITE_INVITEES } from './composition-resolution.sql';
import type { SiteRef } from './composition.types';

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

export interface SiteResolution {
  invitees: Invitee[];
  gaps: Gap[];
}

export interface ResolveOptions {
  /** Exactly these rules (delegated ones too) instead of the sites' own undelegated rules. */
  ruleIds?: string[];
  /** Only units within this one (itself and below). */
  withinUnitId?: string;
  /** Leave the gaps out (suggestions need none). */
  withoutGaps?: boolean;
}

/**
 * Resolves the rules of each site on its own (the preview's view: a host point's own rules, and the
 * conference's rules as the site `conference`), with composition-resolution.sql.ts — the statements
 * invitation generation runs too. One entry per site, in the order asked.
 */
export async function resolveSites(
  manager: EntityManager,
  conferenceId: string,
  sites: SiteRef[],
  options: ResolveOptions = {},
): Promise<SiteResolution[]> {
  const ids = sites.map((s) => (s.kind === 'conference' ? conferenceId : s.id));
  const params = [
    conferenceId,
    ids,
    sites.map((s) => s.kind),
    sites.map(() => false),
    options.ruleIds ?? null,
    options.withinUnitId ?? null,
  ];
  const invitees = await queryRows<Invitee & { siteId: string }>(manager, SITE_INVITEES, params);
  const gaps = options.withoutGaps ? [] : await queryRows<Gap & { siteId: string }>(manager, SITE_GAPS, params);
  const bySite = new Map<string, SiteResolution>(ids.map((id) => [id, { invitees: [], gaps: [] }]));
  for (const { siteId, ...invitee } of invitees) bySite.get(siteId)!.invitees.push(invitee);
  for (const { siteId, ...gap } of gaps) bySite.get(siteId)!.gaps.push(gap);
  return ids.map((id) => bySite.get(id)!);
}
