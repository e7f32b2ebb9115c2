import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { CHECK_MESSAGES, label } from './check.messages';

/**
 * Where and when each event happens: every bridge point over its conference's time, every
 * cluster over its own. Only events with a confirmed time that still stands count.
 */
const BOOKINGS = `
  SELECT 'bridge_point' AS type, bp.id, bp.conference_id, NULL::int AS cluster_number, bp.unit_id, bp.room, bp.address, c.starts_at, c.ends_at
    FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id
   WHERE c.status IN ('scheduled', 'held')
  UNION ALL
  SELECT 'cluster', k.id, k.conference_id, k.number, k.host_unit_id, k.venue, NULL, k.starts_at, k.ends_at
    FROM cluster k JOIN conference c ON c.id = k.conference_id
   WHERE k.status = 'scheduled' AND c.status NOT IN ('cancelled', 'postponed')`;

const norm = (column: string) => `nullif(lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g')), '')`;

interface Clash {
  type: string;
  id: string;
  cluster_number: number | null;
  unit_id: string | null;
  unit_name: string | null;
  room: string | null;
  same_room: boolean;
  other_type: string;
  other_id: string;
}

/**
 * A host unit or a room booked by two events at the same time, across conferences: the same unit
 * hosting both (HOST_UNIT_DOUBLE_BOOKED), or the same room of the same unit or address (ROOM_DOUBLE_BOOKED).
 */
export async function bookingChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const clashes: Clash[] = await manager.query(
    `WITH b AS (${BOOKINGS})
     SELECT DISTINCT ON (mine.id) mine.type, mine.id, mine.cluster_number, mine.unit_id, u.name AS unit_name, mine.room,
            (${norm('mine.room')} = ${norm('other.room')}) IS TRUE AS same_room,
            other.type AS other_type, other.id AS other_id
       FROM b mine
       JOIN b other ON other.conference_id <> mine.conference_id
                   AND other.starts_at < mine.ends_at AND mine.starts_at < other.ends_at
                   AND (other.unit_id = mine.unit_id
                        OR (${norm('other.room')} = ${norm('mine.room')} AND ${norm('other.address')} = ${norm('mine.address')}))
       LEFT JOIN unit u ON u.id = mine.unit_id
      WHERE mine.conference_id = $1
      ORDER BY mine.id, same_room DESC, other.starts_at`,
    [conferenceId],
  );
  return clashes.map((c) => {
    const what = c.cluster_number === null ? label.conference : label.cluster(c.cluster_number);
    const target = { type: c.type, id: c.id };
    const related = [{ type: c.other_type, id: c.other_id }];
    if (c.same_room && c.room)
      return {
        code: 'ROOM_DOUBLE_BOOKED',
        severity: 'warning',
        message: CHECK_MESSAGES.ROOM_DOUBLE_BOOKED(c.room, what),
        target,
        related,
      };
    return {
      code: 'HOST_UNIT_DOUBLE_BOOKED',
      severity: 'warning',
      message: CHECK_MESSAGES.HOST_UNIT_DOUBLE_BOOKED(c.unit_name ?? '', what),
      target,
      related,
    };
  });
}
