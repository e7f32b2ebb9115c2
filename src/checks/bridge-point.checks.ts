import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { CHECK_MESSAGES } from './check.messages';

/** Past this many points with the same gap, one summary check replaces the individual ones. */
export const MANY_POINTS = 20;

interface PointRow {
  id: string;
  name: string;
  no_coordinator: boolean;
  no_link: boolean;
  failed_note: string | null;
  no_composition: boolean;
}

/**
 * Bridge points of an online or hybrid conference: a host point at all, and each point with a
 * coordinator, a meeting link (or room id), and no failed connection test; each remote point with
 * an attendee composition (at least one rule, delegated or not: the host point's people may come
 * from the conference-level rules, a remote point's have no other source).
 */
export async function bridgePointChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const [conference]: { format: string; status: string; hosts: number }[] = await manager.query(
    `SELECT format, status, (SELECT count(*)::int FROM bridge_point WHERE conference_id = c.id AND role = 'host') AS hosts FROM conference c WHERE id = $1`,
    [conferenceId],
  );
  if (!conference || conference.format === 'in_person' || ['cancelled', 'held', 'closed'].includes(conference.status))
    return [];
  const checks: Check[] = [];
  if (conference.hosts === 0)
    checks.push({
      code: 'NO_HOST_POINT',
      severity: 'warning',
      message: CHECK_MESSAGES.NO_HOST_POINT(),
      target: { type: 'conference', id: conferenceId },
    });
  const points: PointRow[] = await manager.query(
    `SELECT * FROM (
       SELECT id, name, depth, coordinator_person_id IS NULL AS no_coordinator, (meeting_link IS NULL AND meeting_room_id IS NULL) AS no_link,
              CASE WHEN readiness = 'failed' THEN coalesce(readiness_note, '') END AS failed_note,
              role = 'remote' AND NOT EXISTS (SELECT 1 FROM composition_rule r WHERE r.bridge_point_id = bp.id) AS no_composition
         FROM bridge_point bp WHERE conference_id = $1) p
      WHERE no_coordinator OR no_link OR failed_note IS NOT NULL OR no_composition
      ORDER BY depth, name`,
    [conferenceId],
  );
  checks.push(
    ...group(
      conferenceId,
      'BRIDGE_POINT_TEST_FAILED',
      'error',
      points.filter((p) => p.failed_note !== null),
      (p) => CHECK_MESSAGES.BRIDGE_POINT_TEST_FAILED(p.name, p.failed_note!),
    ),
    ...group(
      conferenceId,
      'BRIDGE_POINT_NO_COORDINATOR',
      'warning',
      points.filter((p) => p.no_coordinator),
      (p) => CHECK_MESSAGES.BRIDGE_POINT_NO_COORDINATOR(p.name),
    ),
    ...group(
      conferenceId,
      'BRIDGE_POINT_NO_LINK',
      'warning',
      points.filter((p) => p.no_link),
      (p) => CHECK_MESSAGES.BRIDGE_POINT_NO_LINK(p.name),
    ),
    ...group(
      conferenceId,
      'BRIDGE_POINT_NO_COMPOSITION',
      'warning',
      points.filter((p) => p.no_composition),
      (p) => CHECK_MESSAGES.BRIDGE_POINT_NO_COMPOSITION(p.name),
    ),
  );
  return checks;
}

function group(
  conferenceId: string,
  code: string,
  severity: Check['severity'],
  points: PointRow[],
  message: (p: PointRow) => Check['message'],
): Check[] {
  if (points.length > MANY_POINTS)
    return [
      {
        code,
        severity,
        message: CHECK_MESSAGES.MANY_POINTS(code, points.length),
        target: { type: 'conference', id: conferenceId },
      },
    ];
  return points.map((p) => ({ code, severity, message: message(p), target: { type: 'bridge_point', id: p.id } }));
}
