import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { CHECK_MESSAGES } from './check.messages';

interface OverRow {
  id: string;
  name: string;
  capacity: number;
  expected: number | null;
  approximate: boolean;
  invited: number;
}

/**
 * POINT_OVER_CAPACITY: a point whose expected attendance, or whose invitations (not withdrawn),
 * exceed the seats it has. Each point is reported on its own with its numbers: which rooms to
 * change is the point of the check, so it is never folded into a count.
 */
export async function capacityChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: OverRow[] = await manager.query(
    `SELECT * FROM (
       SELECT bp.id, bp.name, bp.depth, bp.capacity, bp.expected_attendance AS expected,
              bp.expected_attendance_approximate AS approximate,
              (SELECT count(*)::int FROM invitation i WHERE i.bridge_point_id = bp.id AND i.withdrawn_at IS NULL) AS invited
         FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id
        WHERE bp.conference_id = $1 AND bp.capacity IS NOT NULL
          AND c.status NOT IN ('cancelled', 'held', 'closed')) p
      WHERE expected > capacity OR invited > capacity
      ORDER BY depth, name`,
    [conferenceId],
  );
  return rows.map((r) => ({
    code: 'POINT_OVER_CAPACITY',
    severity: 'warning',
    message: CHECK_MESSAGES.POINT_OVER_CAPACITY(
      r.name,
      r.capacity,
      r.expected !== null && r.expected > r.capacity ? { count: r.expected, approximate: r.approximate } : null,
      r.invited > r.capacity ? r.invited : null,
    ),
    target: { type: 'bridge_point', id: r.id },
    details: { capacity: r.capacity, expectedAttendance: r.expected, invited: r.invited },
  }));
}
