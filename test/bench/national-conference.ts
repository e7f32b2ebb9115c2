/**
 * A national online conference built through the real services, as an organizer's requests would
 * build it: the conference, its confirmed time, the host point, every remote point in one bulk
 * request, the invitation letter, a composition rule per point, the invitations generated from
 * those rules, and the "send invitations" command that queues them in the outbox.
 */
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actorOf, UserPrincipal } from '../../src/identity/principal';
import { BridgePointsBulkService } from '../../src/bridge-points/bridge-points-bulk.service';
import { BridgePointsService } from '../../src/bridge-points/bridge-points.service';
import { ConferenceScheduleService } from '../../src/conferences/conference-schedule.service';
import { ConferencesService } from '../../src/conferences/conferences.service';
import { InvitationGeneration } from '../../src/invitations/invitation-generation.service';
import { InvitationLetters } from '../../src/invitations/invitation-letters.service';
import { InvitationsService } from '../../src/invitations/invitations.service';
import type { FanoutResult } from '../../src/invitations/invitation-fanout';
import type { GenerateResult } from '../../src/invitations/invitations.dto';
import type { BulkResult } from '../../src/bridge-points/bridge-points.dto';

export interface Organizer {
  principal: UserPrincipal;
}

/** The organizer who owns the conference: a user row, as `npm run admin:create` would leave it. */
export async function createOrganizer(app: INestApplication): Promise<Organizer> {
  const email = `organizer.${randomUUID().slice(0, 8)}@bench.gov.vn`;
  const [user] = await app
    .get(DataSource)
    .query(
      `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, 'Văn phòng Chính phủ', 'not-a-hash: the bench never logs in', 'organizer') RETURNING id`,
      [email],
    );
  return { principal: { kind: 'user', userId: user.id, email, role: 'organizer' } };
}

/** A scheduled online conference a month from now (the dispatcher sends nothing for a past event). */
export async function createConference(app: INestApplication, who: Organizer, rootUnitId: string): Promise<string> {
  const actor = actorOf(who.principal);
  const conference = await app.get(ConferencesService).create(who.principal, actor, {
    title: 'Hội nghị trực tuyến toàn quốc tổng kết công tác năm và triển khai nhiệm vụ năm tới',
    kind: 'conference',
    format: 'online',
    organizingUnitId: rootUnitId,
  });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(1, 0, 0, 0); // 08:00 in Hà Nội
  const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
  await app
    .get(ConferenceScheduleService)
    .schedule(who.principal, actor, conference.id, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
  await app.get(InvitationLetters).put(who.principal, actor, conference.id, {
    issuingUnitId: rootUnitId,
    reference: '125/GM-VPCP',
    contactName: 'Ông Nguyễn Văn An, Chuyên viên Văn phòng Chính phủ',
    contactPhone: '080.43162',
  });
  return conference.id;
}

/** The host point, then one point per province and under each one per commune, in one bulk request. */
export async function createPoints(
  app: INestApplication,
  who: Organizer,
  conferenceId: string,
  rootUnitId: string,
): Promise<BulkResult> {
  const actor = actorOf(who.principal);
  await app.get(BridgePointsService).create(who.principal, actor, conferenceId, {
    role: 'host',
    name: 'Điểm cầu Trung ương',
    unitId: rootUnitId,
    room: 'Phòng họp trực tuyến Chính phủ',
  });
  return app.get(BridgePointsBulkService).createFromDirectory(who.principal, actor, conferenceId, {
    rootUnitId,
    levels: [
      { unitKind: 'provincial_committee', name: 'Điểm cầu {unit}', room: 'Hội trường UBND tỉnh' },
      { unitKind: 'commune_committee', name: 'Điểm cầu {unit}', room: 'Hội trường UBND xã' },
    ],
  });
}

/**
 * "Everyone of the point's own unit" at every point. Written with one SQL statement: the rules API
 * takes one rule a request, and 31,000 requests would time HTTP rather than the invitations.
 */
export async function writeRules(app: INestApplication, conferenceId: string): Promise<number> {
  const rows = await app.get(DataSource).query(
    `INSERT INTO composition_rule (conference_id, site_kind, bridge_point_id, position, label, unit_ids, roles)
     SELECT conference_id, 'bridge_point', id, 1, 'Lãnh đạo và cán bộ, công chức của đơn vị', ARRAY[unit_id], NULL
       FROM bridge_point WHERE conference_id = $1 AND unit_id IS NOT NULL
     RETURNING 1`,
    [conferenceId],
  );
  return rows.length;
}

export function generateInvitations(
  app: INestApplication,
  who: Organizer,
  conferenceId: string,
): Promise<GenerateResult> {
  return app.get(InvitationGeneration).generate(who.principal, actorOf(who.principal), conferenceId, {});
}

export function sendInvitations(app: INestApplication, who: Organizer, conferenceId: string): Promise<FanoutResult> {
  return app.get(InvitationsService).send(who.principal, actorOf(who.principal), conferenceId, {});
}
