import type { EntityManager } from 'typeorm';
import { notFound } from '../common/problem';
import { queryRows } from '../common/sql';
import { COMPOSITION_TEXT } from './composition.messages';
import { siteKey, SiteRef } from './composition.types';

/** What resolution needs to know of a site: its name, and the units its delegated rules may name. */
export interface SiteInfo {
  ref: SiteRef;
  key: string;
  name: string;
  /** The bridge point's unit, or the cluster's host unit. */
  hostUnitId: string | null;
  /** A cluster's participating units, in the cluster's order. */
  unitIds: string[];
}

interface PointRow {
  id: string;
  name: string;
  unitId: string | null;
}
interface ClusterRow {
  id: string;
  number: number;
  name: string | null;
  hostUnitId: string | null;
  unitIds: string[];
}

/**
 * The conference's sites in display order (the conference, bridge points by depth and name,
 * clusters by number), limited to the ones asked for. An asked-for site of another conference is 404.
 */
export async function loadSites(
  manager: EntityManager,
  conferenceId: string,
  title: string,
  refs: SiteRef[],
): Promise<SiteInfo[]> {
  const pointIds = refs.flatMap((r) => (r.kind === 'bridge_point' ? [r.id] : []));
  const clusterIds = refs.flatMap((r) => (r.kind === 'cluster' ? [r.id] : []));
  const points =
    pointIds.length === 0
      ? []
      : await queryRows<PointRow>(
          manager,
          `SELECT id, name, unit_id AS "unitId" FROM bridge_point WHERE conference_id = $1 AND id = ANY($2::uuid[]) ORDER BY depth, name, id`,
          [conferenceId, pointIds],
        );
  const clusters =
    clusterIds.length === 0
      ? []
      : await queryRows<ClusterRow>(
          manager,
          `SELECT c.id, c.number, c.name, c.host_unit_id AS "hostUnitId",
            coalesce(array(SELECT cu.unit_id FROM cluster_unit cu WHERE cu.cluster_id = c.id ORDER BY cu.position), '{}') AS "unitIds"
     FROM cluster c WHERE c.conference_id = $1 AND c.id = ANY($2::uuid[]) ORDER BY c.number`,
          [conferenceId, clusterIds],
        );
  const missing = refs.find((r) => r.kind !== 'conference' && ![...points, ...clusters].some((s) => s.id === r.id));
  if (missing && missing.kind !== 'conference')
    throw notFound(missing.kind === 'cluster' ? 'cluster' : 'bridge point', missing.id);
  const sites: SiteInfo[] = [];
  if (refs.some((r) => r.kind === 'conference')) {
    sites.push({ ref: { kind: 'conference' }, key: 'conference', name: title, hostUnitId: null, unitIds: [] });
  }
  for (const p of points) sites.push(site({ kind: 'bridge_point', id: p.id }, p.name, p.unitId, []));
  for (const c of clusters)
    sites.push(
      site({ kind: 'cluster', id: c.id }, c.name ?? COMPOSITION_TEXT.vi.cluster(c.number), c.hostUnitId, c.unitIds),
    );
  return sites;
}

const site = (ref: SiteRef, name: string, hostUnitId: string | null, unitIds: string[]): SiteInfo => ({
  ref,
  key: siteKey(ref),
  name,
  hostUnitId,
  unitIds,
});

/** The units that fill a delegated rule at this site: one entry each (null: the site has no host unit yet). */
export function delegatesAt(
  site: SiteInfo,
  mode: 'unit' | 'site_host' | 'site_units',
  unitId: string | null,
): (string | null)[] {
  if (mode === 'unit') return [unitId];
  if (mode === 'site_units') return site.unitIds.length > 0 ? site.unitIds : [null];
  return [site.hostUnitId];
}

export async function unitNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    manager,
    `SELECT id, name FROM unit WHERE id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
