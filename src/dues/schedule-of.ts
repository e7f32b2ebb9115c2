import type { EntityManager } from 'typeorm';
import type { EventSchedule } from './reader';

/**
 * The schedule relative dues resolve against: a conference's confirmed time (none while it is a
 * draft or postponed: the old time no longer holds), or a cluster's own time.
 */
export async function scheduleOfConference(
  manager: EntityManager,
  conferenceId: string,
): Promise<EventSchedule | null> {
  const [row]: { status: string; starts_at: Date | null; ends_at: Date | null }[] = await manager.query(
    `SELECT status, starts_at, ends_at FROM conference WHERE id = $1`,
    [conferenceId],
  );
  if (!row || !row.starts_at || row.status === 'draft' || row.status === 'postponed') return null;
  return { start: row.starts_at, end: row.ends_at };
}

export async function scheduleOfCluster(manager: EntityManager, clusterId: string): Promise<EventSchedule | null> {
  const [row]: { starts_at: Date | null; ends_at: Date | null }[] = await manager.query(
    `SELECT starts_at, ends_at FROM cluster WHERE id = $1`,
    [clusterId],
  );
  // A tentative cluster has no time for a relative due to resolve against yet.
  return row?.starts_at ? { start: row.starts_at, end: row.ends_at } : null;
}
