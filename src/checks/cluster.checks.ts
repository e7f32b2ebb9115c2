import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { dayText } from './check-format';
import { CHECK_MESSAGES } from './check.messages';

interface ClusterRow {
  id: string;
  number: number;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
}

/** Clusters out of their numbered order, and two clusters at the same time sharing a unit (participant or host). */
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
  return checks;
}
