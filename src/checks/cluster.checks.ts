import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { dayText, localDayText } from './check-format';
import { CHECK_MESSAGES } from './check.messages';

interface ClusterRow {
  id: string;
  number: number;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
}
// Tentative clusters (no time yet) are left out of the order and double-booking checks.

/**
 * Clusters out of their numbered order, two clusters at the same time sharing a unit (participant or
 * host), and clusters outside the conference's tentative window.
 */
export async function clusterChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const clusters: ClusterRow[] = await manager.query(
    `SELECT k.id, k.number, k.starts_at, k.ends_at, c.time_zone FROM cluster k JOIN conference c ON c.id = k.conference_id
      WHERE k.conference_id = $1 AND k.status = 'scheduled' AND c.status <> 'cancelled' ORDER BY k.number`,
    [conferenceId],
  );
  const checks: Check[] = [];
  for (let i = 1; i < clusters.length; i += 1) {
    const [earlier, later] = [clusters[i - 1], clusters[i]];
    if (later.starts_at < earlier.starts_at) {
      const zone = later.time_zone;
      checks.push({
        code: 'CLUSTERS_OUT_OF_ORDER',
        severity: 'warning',
        message: CHECK_MESSAGES.CLUSTERS_OUT_OF_ORDER(
          later.number,
          dayText(later.starts_at, zone),
          earlier.number,
          dayText(earlier.starts_at, zone),
        ),
        target: { type: 'cluster', id: later.id },
        related: [{ type: 'cluster', id: earlier.id }],
      });
    }
  }
  const shared: {
    a_id: string;
    a_number: number;
    b_id: string;
    b_number: number;
    unit_id: string;
    unit_name: string;
  }[] = await manager.query(
    `WITH units AS (
       SELECT k.id, k.number, k.starts_at, k.ends_at, cu.unit_id FROM cluster k JOIN cluster_unit cu ON cu.cluster_id = k.id
        WHERE k.conference_id = $1 AND k.status = 'scheduled'
       UNION
       SELECT k.id, k.number, k.starts_at, k.ends_at, k.host_unit_id FROM cluster k
        WHERE k.conference_id = $1 AND k.status = 'scheduled' AND k.host_unit_id IS NOT NULL)
     SELECT a.id AS a_id, a.number AS a_number, b.id AS b_id, b.number AS b_number, u.id AS unit_id, u.name AS unit_name
       FROM units a JOIN units b ON b.unit_id = a.unit_id AND a.number < b.number AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
       JOIN unit u ON u.id = a.unit_id
      ORDER BY a.number, b.number, u.name`,
    [conferenceId],
  );
  for (const s of shared) {
    checks.push({
      code: 'CLUSTER_UNIT_DOUBLE_BOOKED',
      severity: 'warning',
      message: CHECK_MESSAGES.CLUSTER_UNIT_DOUBLE_BOOKED(s.a_number, s.b_number, s.unit_name),
      target: { type: 'cluster', id: s.b_id },
      related: [
        { type: 'cluster', id: s.a_id },
        { type: 'unit', id: s.unit_id },
      ],
    });
  }
  return [...checks, ...(await outsideWindow(conferenceId, manager)), ...(await hostNotMember(conferenceId, manager))];
}

/**
 * A cluster whose host unit is not among its participating units (the host's own people would
 * not be invited by the units' rules). Clusters with no units yet are left out: they are not
 * composed yet.
 */
async function hostNotMember(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: { id: string; number: number; unit_id: string; unit_name: string }[] = await manager.query(
    `SELECT k.id, k.number, u.id AS unit_id, u.name AS unit_name FROM cluster k JOIN unit u ON u.id = k.host_unit_id
      WHERE k.conference_id = $1 AND k.status <> 'cancelled'
        AND EXISTS (SELECT 1 FROM cluster_unit cu WHERE cu.cluster_id = k.id)
        AND NOT EXISTS (SELECT 1 FROM cluster_unit cu WHERE cu.cluster_id = k.id AND cu.unit_id = k.host_unit_id)
      ORDER BY k.number`,
    [conferenceId],
  );
  return rows.map((k) => ({
    code: 'CLUSTER_HOST_NOT_MEMBER',
    severity: 'warning',
    message: CHECK_MESSAGES.CLUSTER_HOST_NOT_MEMBER(k.number, k.unit_name),
    target: { type: 'cluster', id: k.id },
    related: [{ type: 'unit', id: k.unit_id }],
  }));
}

/**
 * Clusters outside the conference's tentative window: a confirmed cluster whose day is not in it,
 * a tentative one whose own window does not meet it.
 */
async function outsideWindow(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const rows: {
    id: string;
    number: number;
    starts_at: Date | null;
    window_from: string | null;
    window_to: string | null;
    c_from: string;
    c_to: string;
    time_zone: string;
  }[] = await manager.query(
    `SELECT k.id, k.number, k.starts_at, k.window_from::text, k.window_to::text,
            c.window_from::text AS c_from, c.window_to::text AS c_to, c.time_zone
       FROM cluster k JOIN conference c ON c.id = k.conference_id
      WHERE k.conference_id = $1 AND k.status <> 'cancelled' AND c.status <> 'cancelled' AND c.window_from IS NOT NULL
        AND CASE WHEN k.starts_at IS NOT NULL
                 THEN (k.starts_at AT TIME ZONE c.time_zone)::date NOT BETWEEN c.window_from AND c.window_to
                 ELSE k.window_to < c.window_from OR k.window_from > c.window_to END
      ORDER BY k.number`,
    [conferenceId],
  );
  return rows.map((k) => ({
    code: 'CLUSTER_OUTSIDE_WINDOW',
    severity: 'warning',
    message: CHECK_MESSAGES.CLUSTER_OUTSIDE_WINDOW(
      k.number,
      k.starts_at ? dayText(k.starts_at, k.time_zone) : windowText(k.window_from!, k.window_to!),
      localDayText(k.c_from).vi,
      localDayText(k.c_to).vi,
    ),
    target: { type: 'cluster', id: k.id },
  }));
}

function windowText(from: string, to: string): { vi: string; en: string } {
  const [a, b] = [localDayText(from), localDayText(to)];
  return { vi: `dự kiến ${a.vi} – ${b.vi}`, en: `tentatively ${a.en} – ${b.en}` };
}
