import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { BridgePoint } from './bridge-point.entity';
import { attendanceOf, AttendanceRow, invitationsPerPoint } from './bridge-point-attendance';
import type { AttendanceCounts } from './bridge-points.dto';

/** What a tree row shows besides the point itself: how many points are below it, its parent, unit and coordinator. */
export interface Neighbours {
  childCount: number;
  parentName: string | null;
  unitName: string | null;
  coordinator: { personId: string; fullName: string } | null;
  /** The point and every point below it, at any depth: how many, expected, invited, confirmed. */
  subtree: { points: number; attendance: AttendanceCounts };
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
  const subtrees = await subtreesOf(dataSource, points);
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
          subtree: subtrees.get(p.id) ?? { points: 1, attendance: attendanceOf(EMPTY) },
        },
      ];
    }),
  );
}

const EMPTY: AttendanceRow = { expected: 0, approximate: 0, without_expected: 1, invited: 0, confirmed: 0 };

/**
 * Subtree totals of one page, by a recursive walk down parent_id (indexed) from the page's points.
 * The table keeps no materialized path; the walk visits each point below the page once per
 * ancestor on the page, so a page of the top levels of the national tree walks about twice its 31,000 points.
 */
async function subtreesOf(
  dataSource: DataSource,
  points: BridgePoint[],
): Promise<Map<string, { points: number; attendance: AttendanceCounts }>> {
  const rows = await queryRows<AttendanceRow & { root: string; points: number }>(
    dataSource,
    `WITH RECURSIVE sub AS (
       SELECT id AS root, id FROM bridge_point WHERE id = ANY($1::uuid[])
       UNION ALL
       SELECT s.root, c.id FROM sub s JOIN bridge_point c ON c.parent_id = s.id),
     inv AS (${invitationsPerPoint('i.bridge_point_id IN (SELECT id FROM sub)')})
     SELECT s.root, count(*)::int AS points,
            coalesce(sum(bp.expected_attendance), 0)::int AS expected,
            count(*) FILTER (WHERE bp.expected_attendance_approximate)::int AS approximate,
            count(*) FILTER (WHERE bp.expected_attendance IS NULL)::int AS without_expected,
            coalesce(sum(inv.invited), 0)::int AS invited,
            coalesce(sum(inv.confirmed), 0)::int AS confirmed
       FROM sub s JOIN bridge_point bp ON bp.id = s.id LEFT JOIN inv ON inv.bridge_point_id = s.id
      GROUP BY s.root`,
    [points.map((p) => p.id)],
  );
  return new Map(rows.map((r) => [r.root, { points: r.points, attendance: attendanceOf(r) }]));
}
