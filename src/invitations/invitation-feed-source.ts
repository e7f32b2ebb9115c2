import type { EntityManager } from 'typeorm';
import { conferenceFeedEntry, type ConferenceFeedRow } from '../deadlines/conference-feed-source';
import type { FeedEntry, FeedSubject } from '../deadlines/feed-sources';

/**
 * What a person's feed shows of the conferences and clusters they are invited to: one row per
 * invitation that was sent (an unsent one is still the organizers' draft), is not withdrawn, and
 * was neither declined nor passed on (the substitute's own invitation shows it in their feed).
 * The location is the invited site: the bridge point (name, room, address, meeting link) or the
 * cluster's venue. Rows have the conference source's shape and go through its mapper, so UIDs,
 * summaries, CANCELLED (cancelled or postponed) and alarms are the same whichever source shows
 * the event. A point invitation needs the conference's confirmed time, as the conference source;
 * a cluster has its own time, so a roundtable still in draft shows the clusters people were sent.
 */
const INVITED = `
  SELECT CASE WHEN k.id IS NULL THEN 'conference' ELSE 'cluster' END AS kind,
         coalesce(k.id, c.id) AS id, c.id AS conference_id, c.title, k.number AS cluster_number,
         CASE WHEN k.id IS NULL OR c.status IN ('cancelled', 'postponed') THEN c.status ELSE k.status END AS status,
         CASE WHEN k.id IS NULL THEN c.starts_at ELSE k.starts_at END AS starts_at,
         CASE WHEN k.id IS NULL THEN c.ends_at ELSE k.ends_at END AS ends_at,
         greatest(c.updated_at, bp.updated_at, k.updated_at, i.updated_at) AS changed_at,
         bp.name AS point_name, bp.room AS point_room, bp.address AS point_address, bp.meeting_link,
         k.venue, NULL AS presenting_unit
    FROM invitation i
    JOIN conference c ON c.id = i.conference_id
    LEFT JOIN bridge_point bp ON bp.id = i.bridge_point_id
    LEFT JOIN cluster k ON k.id = i.cluster_id
   WHERE i.person_id = $1 AND i.withdrawn_at IS NULL AND i.sent_sequence IS NOT NULL
     AND i.answer IS DISTINCT FROM 'declined' AND i.answer IS DISTINCT FROM 'delegated'
     AND (k.id IS NOT NULL OR (c.starts_at IS NOT NULL AND c.status <> 'draft'))
   ORDER BY starts_at, id`;

/** The feed source registered as `invitations`: people only (a unit's conferences come from the conference source). */
export async function invitationFeedEntries(subject: FeedSubject, manager: EntityManager): Promise<FeedEntry[]> {
  if (subject.kind !== 'person') return [];
  const rows: ConferenceFeedRow[] = await manager.query(INVITED, [subject.id]);
  return rows.map((row) => conferenceFeedEntry(row, subject.language));
}
