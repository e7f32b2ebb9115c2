import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { BridgePoint } from './bridge-point.entity';

/** What a tree row shows besides the point itself: how many points are below it, its parent, unit and coordinator. */
export interface Neighbours {
  childCount: number;
  parentName: string | null;
  unitName: string | null;
  coordinator: { personId: string; fullName: string } | null;
}

/**
 * The neighbours of one page of points, in one statement: the page is small (≤ 500) and each
 * count is an index lookup on parent_id, so a branch of 31,000 points costs what a branch of 10 does.
 */
export async function neighboursOf(dataSource: DataSource, points: BridgePoint[]): Promise<Map<string, Neighbours>> {
  if (points.length === 0) return new Map();
  const rows = await queryRows<{
    id: string;
    child_count: number;
    parent_name: string | null;
    unit_name: string | null;
    full_name: string | null;
  }>(
    dataSource,
    `SELECT p.id,
            (SELECT count(*)::int FROM bridge_point c WHERE c.parent_id = p.id) AS child_count,
            parent.name AS parent_name,
            unit.name AS unit_name,
            person.full_name
       FROM bridge_point p
       LEFT JOIN bridge_point parent ON parent.id = p.parent_id
       LEFT JOIN unit ON unit.id = p.unit_id
       LEFT JOIN person ON person.id = p.coordinator_person_id
      WHERE p.id = ANY($1::uuid[])`,
    [points.map((p) => p.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return new Map(
    points.map((p) => {
      const row = byId.get(p.id);
      const coordinator =
        p.coordinatorPersonId && row?.full_name ? { personId: p.coordinatorPersonId, fullName: row.full_name } : null;
      return [
        p.id,
        {
          childCount: row?.child_count ?? 0,
          parentName: row?.parent_name ?? null,
          unitName: row?.unit_name ?? null,
          coordinator,
        },
      ];
    }),
  );
}
