import type { EntityManager } from 'typeorm';
import type { CalendarEvent } from '../calendar';
import { FEED_TEXT } from './deadlines.messages';
import type { FeedEntry, FeedSubject } from './feed-sources';

interface Row {
  kind: 'conference' | 'cluster';
  id: string;
  conference_id: string;
  title: string;
  cluster_number: number | null;
  status: string;
  starts_at: Date;
  ends_at: Date;
  changed_at: Date;
  point_name: string | null;
  point_room: string | null;
  point_address: string | null;
  meeting_link: string | null;
  venue: string | null;
  presenting_unit: string | null;
}

/**
 * Conferences and clusters a person or unit takes part in through this module's data: where the
 * unit presents (or the person is the speaker), where the unit has a bridge point, and clusters
 * it hosts or joins. Draft conferences have no time and are left out; cancelled and postponed
 * ones stay, marked CANCELLED, so subscribed calendars drop them on the next refresh.
 */
function sql(subject: FeedSubject): string {
  const presents = subject.kind === 'person' ? 'p.person_id = $1' : 'p.unit_id = $1';
  // A person's own site is the point of the unit they present for.
  const pointUnit =
    subject.kind === 'person'
      ? `(SELECT p.unit_id FROM presentation p WHERE p.conference_id = c.id AND ${presents} LIMIT 1)`
      : '$1';
  const clusterMember =
    subject.kind === 'unit'
      ? `OR k.host_unit_id = $1 OR EXISTS (SELECT 1 FROM cluster_unit cu WHERE cu.cluster_id = k.id AND cu.unit_id = $1)`
      : '';
  return `
    SELECT 'conference' AS kind, c.id, c.id AS conference_id, c.title, NULL::int AS cluster_number, c.status, c.starts_at, c.ends_at,
           greatest(c.updated_at, bp.updated_at) AS changed_at, bp.name AS point_name, bp.room AS point_room,
           bp.address AS point_address, bp.meeting_link, NULL AS venue,
           (SELECT u.name FROM presentation p JOIN unit u ON u.id = p.unit_id WHERE p.conference_id = c.id AND p.cluster_id IS NULL AND ${presents} LIMIT 1) AS presenting_unit
      FROM conference c
      LEFT JOIN bridge_point bp ON bp.conference_id = c.id AND bp.unit_id = ${pointUnit}
     WHERE c.starts_at IS NOT NULL AND c.status <> 'draft'
       AND (EXISTS (SELECT 1 FROM presentation p WHERE p.conference_id = c.id AND p.cluster_id IS NULL AND ${presents})
            ${subject.kind === 'unit' ? 'OR bp.id IS NOT NULL' : ''})
    UNION ALL
    SELECT 'cluster', k.id, c.id, c.title, k.number, CASE WHEN c.status IN ('cancelled', 'postponed') THEN c.status ELSE k.status END,
           k.starts_at, k.ends_at, greatest(c.updated_at, k.updated_at), NULL, NULL, NULL, NULL, k.venue,
           (SELECT u.name FROM presentation p JOIN unit u ON u.id = p.unit_id WHERE p.cluster_id = k.id AND ${presents} LIMIT 1)
      FROM cluster k JOIN conference c ON c.id = k.conference_id
     WHERE c.status <> 'draft' AND k.starts_at IS NOT NULL -- a tentative cluster has no time to put in a calendar yet
       AND (EXISTS (SELECT 1 FROM presentation p WHERE p.cluster_id = k.id AND ${presents}) ${clusterMember})
     ORDER BY starts_at, id`;
}

function location(row: Row): string | undefined {
  const parts = row.kind === 'cluster' ? [row.venue] : [row.point_name, row.point_room, row.point_address];
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join(', ');
  return text || undefined;
}

function toEntry(row: Row, language: 'vi' | 'en'): FeedEntry {
  const cancelled = row.status === 'cancelled' || row.status === 'postponed';
  const summary = row.cluster_number !== null ? FEED_TEXT.cluster(row.cluster_number, row.title)[language] : row.title;
  const event: CalendarEvent = {
    // The feed's own UIDs: invitations use the conference's calendarUid, never these (calendar.md, "Feeds").
    uid: `feed-${row.kind}-${row.id}@convene`,
    sequence: 0,
    start: row.starts_at,
    end: row.ends_at,
    summary,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    ...(location(row) ? { location: location(row) } : {}),
    ...(row.meeting_link && /^https?:\/\//.test(row.meeting_link) ? { url: row.meeting_link } : {}),
    ...(row.presenting_unit ? { description: FEED_TEXT.presenting(row.presenting_unit)[language] } : {}),
    alarms: cancelled ? [] : [{ minutesBefore: 30, description: summary }],
  };
  return { event, changedAt: row.changed_at, owner: { conferenceId: row.conference_id } };
}

export async function conferenceFeedEntries(subject: FeedSubject, manager: EntityManager): Promise<FeedEntry[]> {
  const rows: Row[] = await manager.query(sql(subject), [subject.id]);
  return rows.map((row) => toEntry(row, subject.language));
}

// The invitations source builds its events with this mapper, so a conference both sources know has the same UID (and appears once).
export { toEntry as conferenceFeedEntry, type Row as ConferenceFeedRow };
