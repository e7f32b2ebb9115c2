import type { EntityManager } from 'typeorm';

/**
 * The contract other modules (invitations) code against. Keep these names: they are used
 * outside this folder.
 */

/** Where a rule applies: the conference as a whole, one bridge point, or one cluster. */
export type SiteRef = { kind: 'conference' } | { kind: 'bridge_point'; id: string } | { kind: 'cluster'; id: string };

export const SITE_KINDS = ['conference', 'bridge_point', 'cluster'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** The rules of one site resolved to people, without writing anything. */
export interface ResolvedSite {
  /** One entry per person: the first rule (by position) that matched them. */
  invitees: { personId: string; unitId: string; ruleId: string }[];
  /** Rules a unit fills itself ("do UBND các huyện mời"); unitId null when the site has no host unit yet. */
  delegated: { ruleId: string; unitId: string | null; label: string }[];
  /** A unit the rule selects with nobody holding this role (role `everyone`: nobody at all). */
  gaps: { ruleId: string; unitId: string; role: string }[];
}

/** How many people delegates have added, by `siteKey(site)` or `siteKey(site, delegateUnitId)`. */
export type DelegatedCounter = (manager: EntityManager, conferenceId: string) => Promise<Map<string, number>>;

/** `conference`, `bridge_point:<id>`, `cluster:<id>`; with a unit: `bridge_point:<id>#<unitId>`. */
export function siteKey(site: SiteRef, unitId?: string | null): string {
  const base = site.kind === 'conference' ? 'conference' : `${site.kind}:${site.id}`;
  return unitId ? `${base}#${unitId}` : base;
}

/** The role a gap names when a rule invites everyone of a unit and the unit has nobody. */
export const EVERYONE = 'everyone';
