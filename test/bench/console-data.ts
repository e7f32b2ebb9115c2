/**
 * The console bench's data, written set-based: the national bench's directory (SQL), the
 * conference and its points through the real services, then one invitation per person of a
 * point's unit and one outbox REQUEST per invitation with INSERT … SELECT (generating 2,000,000
 * through InvitationGeneration takes a quarter of an hour here; the board only reads the rows).
 * Mail states: 1 in 100 failed, 1 in 100 still queued, the rest sent; answers: a third accepted,
 * one in ten declined, the rest none.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createConference, createOrganizer, createPoints, Organizer } from './national-conference';
import { generateDirectory } from './national-directory';

export interface BenchConference {
  conferenceId: string;
  who: Organizer;
  points: number;
  invitations: number;
}

export async function buildBoard(app: INestApplication, points: number, people: number): Promise<BenchConference> {
  const ds = app.get(DataSource);
  const who = await createOrganizer(app);
  const directory = await generateDirectory(ds, points, people);
  const conferenceId = await createConference(app, who, directory.rootUnitId);
  const created = await createPoints(app, who, conferenceId, directory.rootUnitId);
  const invitations = await insertInvitations(ds, conferenceId, who.principal.userId);
  await insertRequests(ds, conferenceId);
  // As autovacuum would leave a settled table: statistics and the visibility map (index-only scans).
  await ds.query('VACUUM ANALYZE invitation');
  await ds.query('VACUUM ANALYZE outbox_message');
  await ds.query('ANALYZE bridge_point');
  return { conferenceId, who, points: created.created + 1, invitations };
}

async function insertInvitations(ds: DataSource, conferenceId: string, userId: string): Promise<number> {
  const rows: { n: number }[] = await ds.query(
    `WITH inserted AS (
       INSERT INTO invitation (conference_id, bridge_point_id, person_id, position_id, source, added_by_kind, added_by_id, added_by_label,
                               sent_sequence, first_sent_at, last_sent_at, answer, answered_at, answer_sequence)
       SELECT bp.conference_id, bp.id, pp.person_id, pp.id, 'composition', 'user', $2, 'bench', 0, now(), now(),
              a.answer, CASE WHEN a.answer IS NOT NULL THEN now() END, CASE WHEN a.answer IS NOT NULL THEN 0 END
         FROM bridge_point bp JOIN person_position pp ON pp.unit_id = bp.unit_id
         CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(pp.person_id::text)) % 30 < 10 THEN 'accepted'
                                         WHEN abs(hashtext(pp.person_id::text)) % 30 < 13 THEN 'declined' END AS answer) a
        WHERE bp.conference_id = $1
       RETURNING 1)
     SELECT count(*)::int AS n FROM inserted`,
    [conferenceId, userId],
  );
  return rows[0].n;
}

async function insertRequests(ds: DataSource, conferenceId: string): Promise<void> {
  await ds.query(
    `INSERT INTO outbox_message (dedupe_key, kind, conference_id, recipient_email, recipient_name, payload, status, attempts, sent_at, last_error)
     SELECT 'bench:' || i.id, 'invitation', i.conference_id, p.email, p.full_name,
            jsonb_build_object('invitationId', i.id, 'method', 'REQUEST', 'sequence', 0), s.status,
            CASE WHEN s.status = 'queued' THEN 0 ELSE 1 END,
            CASE WHEN s.status = 'sent' THEN now() END,
            CASE WHEN s.status = 'failed' THEN '550 5.1.1 mailbox unavailable (bench)' END
       FROM invitation i JOIN person p ON p.id = i.person_id
       CROSS JOIN LATERAL (SELECT CASE abs(hashtext(i.id::text)) % 100 WHEN 0 THEN 'failed' WHEN 1 THEN 'queued' ELSE 'sent' END AS status) s
      WHERE i.conference_id = $1`,
    [conferenceId],
  );
}
