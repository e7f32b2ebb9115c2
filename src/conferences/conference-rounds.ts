import type { EntityManager } from 'typeorm';
import type { Principal } from '../identity/principal';
import { isoInZone } from '../common/zoned-time';
import { fieldProblem, unprocessable } from '../common/problem';
import type { ConferenceAccess } from './conference-access.service';
import type { ConferenceKind, ConferenceStatus } from './conference.constants';
import type { Conference } from './conference.entity';

/** One round or rehearsal of a main event, as GET of the main one lists it. */
export interface RoundResponse {
  id: string;
  label: string | null;
  kind: ConferenceKind;
  status: ConferenceStatus;
  startsAt: string | null;
  endsAt: string | null;
}

function refuse(field: string, rule: string, message: string): never {
  throw unprocessable([fieldProblem(field, rule, message)]);
}

/**
 * A round names a main event the caller can see (404 otherwise, as for any conference they
 * cannot see), not itself, not a round (one level only), organized by the same unit; a
 * conference that has rounds of its own cannot become one. The main row is share-locked, so
 * two links made at once cannot build a chain.
 */
export async function assertRoundLink(
  manager: EntityManager,
  access: ConferenceAccess,
  principal: Principal,
  conference: Conference,
): Promise<void> {
  const mainId = conference.mainConferenceId;
  if (!mainId) return;
  if (mainId === conference.id) refuse('mainConferenceId', 'self', 'a conference cannot be a round of itself');
  await access.assertCanRead(principal, mainId, manager);
  const [main]: { main_conference_id: string | null; organizing_unit_id: string | null }[] = await manager.query(
    `SELECT main_conference_id, organizing_unit_id FROM conference WHERE id = $1 FOR SHARE`,
    [mainId],
  );
  if (main.main_conference_id)
    refuse(
      'mainConferenceId',
      'depth',
      'the main conference is itself a round of another; name that one as the main event',
    );
  if (conference.id && (await roundCount(manager, conference.id)) > 0)
    refuse('mainConferenceId', 'depth', 'this conference has rounds of its own; a round cannot have rounds');
  if (main.organizing_unit_id !== conference.organizingUnitId)
    refuse(
      'mainConferenceId',
      'scope',
      'a round is organized by the same unit as its main conference (organizingUnitId)',
    );
}

/** A main event keeps its rounds' organizing unit: moving it alone would split one event in two. */
export async function assertRoundsFollow(manager: EntityManager, conference: Conference): Promise<void> {
  const [{ count }]: { count: number }[] = await manager.query(
    `SELECT count(*)::int AS count FROM conference
      WHERE main_conference_id = $1 AND organizing_unit_id IS DISTINCT FROM $2`,
    [conference.id, conference.organizingUnitId],
  );
  if (count > 0)
    refuse('organizingUnitId', 'scope', `${count} round(s) of this conference are organized by another unit`);
}

async function roundCount(manager: EntityManager, conferenceId: string): Promise<number> {
  const [{ count }]: { count: number }[] = await manager.query(
    `SELECT count(*)::int AS count FROM conference WHERE main_conference_id = $1`,
    [conferenceId],
  );
  return count;
}

/** The rounds of a main event the caller may see, in time order (untimed ones last). */
export async function roundsOf(manager: EntityManager, principal: Principal, mainId: string): Promise<RoundResponse[]> {
  const admin = principal.kind === 'user' && principal.role === 'admin';
  const rows: {
    id: string;
    round_label: string | null;
    kind: ConferenceKind;
    status: ConferenceStatus;
    starts_at: Date | null;
    ends_at: Date | null;
    time_zone: string;
  }[] = await manager.query(
    `SELECT c.id, c.round_label, c.kind, c.status, c.starts_at, c.ends_at, c.time_zone
       FROM conference c
      WHERE c.main_conference_id = $1
        AND ($2 OR EXISTS (SELECT 1 FROM conference_member m WHERE m.conference_id = c.id AND m.user_id = $3))
      ORDER BY c.starts_at NULLS LAST, c.window_from NULLS LAST, c.created_at, c.id`,
    [mainId, admin, principal.kind === 'user' ? principal.userId : null],
  );
  return rows.map((r) => ({
    id: r.id,
    label: r.round_label,
    kind: r.kind,
    status: r.status,
    startsAt: r.starts_at ? isoInZone(r.starts_at, r.time_zone) : null,
    endsAt: r.ends_at ? isoInZone(r.ends_at, r.time_zone) : null,
  }));
}
