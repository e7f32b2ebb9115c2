/** The words the organizer reads in a preview, Vietnamese first. */
export const COMPOSITION_TEXT = {
  vi: {
    toBeFilledBy: (unit: string) => `Do ${unit} mời`,
    toBeFilledByHost: 'Do đơn vị chủ trì điểm cầu mời (chưa xác định đơn vị)',
    cluster: (n: number) => `Cụm ${n}`,
  },
  en: {
    toBeFilledBy: (unit: string) => `To be filled by ${unit}`,
    toBeFilledByHost: "To be filled by the site's host unit (not set yet)",
    cluster: (n: number) => `Cluster ${n}`,
  },
} as const;

/** Refusals of rule writes (English, as every problem detail). */
export const COMPOSITION_PROBLEMS = {
  siteIdForbidden: 'site.id is not used for the conference as a whole',
  siteIdRequired: 'site.id is required for a bridge point or a cluster',
  siteReference: (kind: string) =>
    `site.id names no ${kind === 'cluster' ? 'cluster' : 'bridge point'} of this conference`,
  selectorRequired: 'units must select units: kinds, ids, childrenOf or within',
  idsExclusive: 'units.ids is an explicit list and cannot be combined with kinds, childrenOf or within',
  scopeExclusive: 'units.childrenOf and units.within cannot both be given',
  rolesRequired: 'roles must list at least one role, or everyone must be true',
  rolesExclusive: 'everyone cannot be combined with roles',
  delegateUnitRequired: 'delegate.unitId is required when delegate.to is "unit"',
  delegateUnitForbidden: 'delegate.unitId is only used when delegate.to is "unit"',
  siteHasNoHost: 'the conference as a whole has no host unit; delegate to a named unit',
  clusterOnly: 'delegate.to "site_units" names the participating units of a cluster',
  delegatedScope: 'a delegated rule covers the delegate unit’s own people: give at most units.kinds',
  unitReference: 'names no unit of the directory',
  copyNoRules: 'the site to copy from has no rules',
  copySameSite: 'a site cannot be copied onto itself',
  copyDuplicate: 'this site is listed twice',
  inactiveUnit: 'names a deactivated unit',
} as const;
