import { COMPOSITION_TEXT } from './composition.messages';
import type { SiteInfo } from './composition-sites';
import type { SiteKind } from './composition.types';
import type { Gap, Invitee } from './site-resolution';

/** A delegated rule as the organizer sees it: "to be filled by <unit>", and how many it has added. */
export interface DelegatedEntry {
  ruleId: string;
  label: string;
  unitId: string | null;
  unitName: string | null;
  /** null: the counter counts the site as a whole only (in `counts.delegatedAdded`), not per unit. */
  added: number | null;
  text: { vi: string; en: string };
  /**
   * Who the directory holds for this rule within the delegate unit, as a starting list for it
   * (one site's preview only; null in the whole-conference preview).
   */
  suggestions: Invitee[] | null;
}

export interface SitePreview {
  site: { kind: SiteKind; id: string | null; name: string };
  siteKey: string;
  delegatedSite: boolean;
  invitees: Invitee[];
  delegated: DelegatedEntry[];
  gaps: Gap[];
  counts: { invitees: number; gaps: number; delegatedRules: number; delegatedAdded: number };
}

export interface CompositionPreview {
  conferenceId: string;
  sites: SitePreview[];
  /** People the rules invite at more than one site: one invitation each is what the organizer wants. */
  multiSite: { personId: string; fullName: string; siteKeys: string[] }[];
  totals: { invitees: number; people: number; gaps: number; delegatedRules: number; delegatedAdded: number };
}

export function delegatedEntry(
  entry: { ruleId: string; label: string; unitId: string | null },
  unitName: string | null,
  added: number | null,
  suggestions: Invitee[] | null,
): DelegatedEntry {
  const text = unitName
    ? { vi: COMPOSITION_TEXT.vi.toBeFilledBy(unitName), en: COMPOSITION_TEXT.en.toBeFilledBy(unitName) }
    : { vi: COMPOSITION_TEXT.vi.toBeFilledByHost, en: COMPOSITION_TEXT.en.toBeFilledByHost };
  return { ...entry, unitName, added, text, suggestions };
}

export function sitePreview(
  site: SiteInfo,
  invitees: Invitee[],
  gaps: Gap[],
  delegated: DelegatedEntry[],
  siteTotal: number,
): SitePreview {
  return {
    site: { kind: site.ref.kind, id: site.ref.kind === 'conference' ? null : site.ref.id, name: site.name },
    siteKey: site.key,
    delegatedSite: delegated.length > 0,
    invitees,
    delegated,
    gaps,
    counts: {
      invitees: invitees.length,
      gaps: gaps.length,
      delegatedRules: new Set(delegated.map((d) => d.ruleId)).size,
      delegatedAdded: delegatedAdded(delegated, siteTotal),
    },
  };
}

/** A unit's count covers all its delegated rules at the site: counted once; unknown per unit, the site's total. */
function delegatedAdded(delegated: DelegatedEntry[], siteTotal: number): number {
  if (delegated.some((d) => d.added === null)) return siteTotal;
  return [...new Map(delegated.map((d) => [d.unitId, d.added ?? 0])).values()].reduce((sum, n) => sum + n, 0);
}

export function conferencePreview(conferenceId: string, sites: SitePreview[]): CompositionPreview {
  const seen = new Map<string, { personId: string; fullName: string; siteKeys: string[] }>();
  for (const s of sites) {
    for (const i of s.invitees) {
      const entry = seen.get(i.personId) ?? { personId: i.personId, fullName: i.fullName, siteKeys: [] };
      entry.siteKeys.push(s.siteKey);
      seen.set(i.personId, entry);
    }
  }
  const sum = (f: (s: SitePreview) => number) => sites.reduce((n, s) => n + f(s), 0);
  return {
    conferenceId,
    sites,
    multiSite: [...seen.values()].filter((e) => e.siteKeys.length > 1),
    totals: {
      invitees: sum((s) => s.counts.invitees),
      people: seen.size,
      gaps: sum((s) => s.counts.gaps),
      delegatedRules: sum((s) => s.counts.delegatedRules),
      delegatedAdded: sum((s) => s.counts.delegatedAdded),
    },
  };
}
