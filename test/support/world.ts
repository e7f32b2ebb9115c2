import { TestApp } from './app';
import { apiUser, auth, createConference, createScheduledConference, insertUnit } from './conference-fixtures';
import { answerTokenOf, deliver, insertPersonAt } from './invitations';
import { makePdf } from './presentations';

/** Someone calling the API in the access matrix and the fuzz test. */
export const USER_CALLERS = [
  'admin',
  'owner',
  'observerMember',
  'stranger',
  'observerAccount',
  'coordinatorAccount',
] as const;
export const LINK_CALLERS = [
  'coordinatorLink',
  'otherCoordinatorLink',
  'speakerLink',
  'otherSpeakerLink',
  'unitLink',
  'otherUnitLink',
  'answerLink',
] as const;
export type UserCallerName = (typeof USER_CALLERS)[number];
export type LinkCallerName = (typeof LINK_CALLERS)[number];

export interface Caller {
  name: 'anonymous' | UserCallerName | LinkCallerName;
  /** An account's API token, or a secret link used as bearer token. */
  token?: string;
  userId?: string;
}

/**
 * One of every resource, all owned by `owner`: an online conference with a host and two remote
 * points, a roundtable with a cluster, agenda slots, a composition rule, an invitation, a
 * presentation with a submission and a speaker link, a plan with a task, directory entries, feed
 * and coordinator links. `stranger` owns a conference of their own and nothing here; `observerMember`
 * is an observer of the owner's conference and plan; `observerAccount` is a global observer;
 * `coordinatorAccount` coordinates the first remote point (the invitation's site) and is no member.
 * Link callers hold secret links as bearer tokens: the coordinator link of the first remote point
 * and one of the second (`other…`), the world presentation's speaker link and one of another
 * presentation, its unit's link and another unit's, and the delegate's answer link.
 * `params` fills a route's path parameters with these ids (see paramsFor).
 */
export interface World {
  callers: Record<Caller['name'], Caller>;
  ids: Record<string, string>;
  /** Secret tokens: a coordinator link of the first remote point and a speaker link. */
  links: { coordinator: string; speaker: string; answer: string; feedFile: string };
}

const ok = (what: string, res: { status: number; body: unknown }, expected = [200, 201, 202]) => {
  if (!expected.includes(res.status))
    throw new Error(`world: ${what} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
};

export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await apiUser(t, 'admin');
  const owner = await apiUser(t, 'organizer');
  const stranger = await apiUser(t, 'organizer');
  const observerMember = await apiUser(t, 'organizer');
  const observerAccount = await apiUser(t, 'observer');
  // Removed by the matrix's DELETE …/members/:userId, so that observerMember stays a member.
  const spareMember = await apiUser(t, 'organizer');
  const coordinatorAccount = await apiUser(t, 'organizer');
  // Unassigned by the matrix's DELETE …/site-coordinators/:userId.
  const spareCoordinator = await apiUser(t, 'organizer');
  const as = (token: string) => ({
    post: (path: string, body: object = {}) => t.http().post(path).set(auth(token)).send(body),
    put: (path: string, body: object = {}) => t.http().put(path).set(auth(token)).send(body),
  });
  const o = as(owner.token);

  const online = await createScheduledConference(t, owner.token, { points: 2 });
  const conferenceId = online.conference.id as string;
  const pointId = online.points[0].id as string;
  for (const userId of [observerMember.userId, spareMember.userId]) {
    ok('observer member', await o.post(`/conferences/${conferenceId}/members`, { userId, role: 'observer' }));
  }
  await createConference(t, stranger.token, { title: 'Hội nghị của người khác' });

  const roundtable = await createConference(t, owner.token, { kind: 'roundtable', format: 'in_person' });
  ok(
    'roundtable observer',
    await o.post(`/conferences/${roundtable.id}/members`, { userId: observerMember.userId, role: 'observer' }),
  );
  const cluster = ok(
    'cluster',
    await o.post(`/conferences/${roundtable.id}/clusters`, {
      number: 1,
      startsAt: '2026-04-05T13:30:00+07:00',
      endsAt: '2026-04-05T17:00:00+07:00',
    }),
  );
  const clusterSlot = ok(
    'cluster slot',
    await o.post(`/conferences/${roundtable.id}/clusters/${cluster.id}/agenda/slots`, {
      startsAt: '2026-04-05T13:30:00+07:00',
      durationMinutes: 30,
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
    }),
  );
  const slot = ok(
    'slot',
    await o.post(`/conferences/${conferenceId}/agenda/slots`, {
      startsAt: '2026-04-08T07:30:00+07:00',
      durationMinutes: 30,
      title: 'Khai mạc',
      kind: 'opening',
    }),
  );

  const unitId = online.districtUnitIds[0];
  const personId = await insertPersonAt(
    t,
    'Nguyễn Văn Thế Giới',
    `world.${Date.now()}@convene.test`,
    unitId,
    'Chủ tịch',
  );
  const email = `world.${Date.now()}@convene.test`;
  const sparePersonId = await insertPersonAt(t, 'Trần Thị Dự Phòng', `spare.${email}`, unitId, 'Chuyên viên');
  const person = ok('person', await t.http().get(`/people/${personId}`).set(auth(owner.token)));
  const positionId = (person.positions?.[0]?.id ?? person.currentPositions?.[0]?.id) as string;
  const rule = ok(
    'rule',
    await o.post(`/conferences/${conferenceId}/composition/rules`, {
      site: { kind: 'bridge_point', id: pointId },
      label: 'Chủ tịch UBND huyện',
      units: { ids: [unitId] },
      roles: ['head'],
    }),
  );
  const invitation = ok(
    'invitation',
    await o.post(`/conferences/${conferenceId}/invitations`, { personId, siteId: pointId }),
  );
  // Resending revokes the answer links: the matrix resends this one, and keeps the first's link for the answer page.
  const resendPersonId = await insertPersonAt(t, 'Lê Văn Gửi Lại', `resend.${email}`, unitId, 'Phó Chủ tịch');
  const resendInvitation = ok(
    'invitation to resend',
    await o.post(`/conferences/${conferenceId}/invitations`, { personId: resendPersonId, siteId: pointId }),
  );
  ok('send', await o.post(`/conferences/${conferenceId}/invitations/send`));
  const answerToken = answerTokenOf((await deliver(t)).find((m) => m.to.includes(person.email))!);
  const coordinator = ok(
    'coordinator link',
    await o.post(`/conferences/${conferenceId}/invitations/coordinator-links`, { siteId: pointId }),
  );
  const otherCoordinator = ok(
    'other coordinator link',
    await o.post(`/conferences/${conferenceId}/invitations/coordinator-links`, {
      siteId: online.points[1].id,
      mail: false,
    }),
  );
  for (const user of [coordinatorAccount, spareCoordinator]) {
    ok(
      'site coordinator',
      await o.put(`/conferences/${conferenceId}/site-coordinators/${user.userId}`, { siteIds: [pointId] }),
    );
  }

  const presentation = ok(
    'presentation',
    await o.post(`/conferences/${conferenceId}/presentations`, {
      unitId,
      topic: 'Chuyển đổi số',
      due: 'trước 03 ngày diễn ra Hội nghị',
    }),
  );
  const submission = ok(
    'submission',
    await t
      .http()
      .post(`/presentations/${presentation.id}/submissions`)
      .set(auth(owner.token))
      .attach('file', await makePdf(5), 'thamluan.pdf'),
  );
  const speaker = ok('speaker link', await o.post(`/presentations/${presentation.id}/speaker-link`));
  // Issuing a speaker link rotates it: the matrix issues and revokes on this one instead.
  const sparePresentation = ok(
    'spare presentation',
    await o.post(`/conferences/${conferenceId}/presentations`, { unitId, topic: 'Dự phòng', due: 'Quý I/2026' }),
  );
  const otherPresentation = ok(
    'other presentation',
    await o.post(`/conferences/${conferenceId}/presentations`, {
      unitId: online.districtUnitIds[1],
      topic: 'Tham luận khác',
      due: 'Quý I/2026',
    }),
  );
  // The feeds the matrix issues and revokes (the spare person's, the person's) show the owner's
  // conference, whatever the matrix withdraws first: only its organizers manage them.
  for (const [speakerId, topic] of [
    [sparePersonId, 'Tham luận của người dự phòng'],
    [personId, 'Tham luận của người được mời'],
  ]) {
    ok(
      'speaker presentation',
      await o.post(`/conferences/${conferenceId}/presentations`, {
        unitId,
        personId: speakerId,
        topic,
        due: 'Quý I/2026',
      }),
    );
  }
  const unitLink = ok('unit link', await o.post(`/conferences/${conferenceId}/units/${unitId}/speaker-link`));
  const otherUnitLink = ok(
    'other unit link',
    await o.post(`/conferences/${conferenceId}/units/${online.districtUnitIds[1]}/speaker-link`),
  );
  // The matrix rotates and revokes the link of this unit, not the world's.
  const spareUnitId = await insertUnit(t, { name: 'Sở Dự phòng', kind: 'department' });
  ok(
    'spare unit presentation',
    await o.post(`/conferences/${conferenceId}/presentations`, {
      unitId: spareUnitId,
      topic: 'Tham luận dự phòng',
      due: 'Quý I/2026',
    }),
  );

  const plan = ok('plan', await o.post('/plans', { reference: '01/KH-UBND', title: 'Kế hoạch thử', year: 2026 }));
  for (const userId of [observerMember.userId, spareMember.userId]) {
    ok('plan observer', await o.post(`/plans/${plan.id}/members`, { userId, role: 'observer' }));
  }
  const task = ok(
    'task',
    await o.post(`/plans/${plan.id}/tasks`, {
      number: '1',
      content: 'Báo cáo',
      leadUnitIds: [unitId],
      due: 'Quý I/2026',
    }),
  );

  const feed = ok('feed', await o.post(`/feeds/people/${personId}`));
  const [invitationMessage] = await t.dataSource.query(
    `SELECT id FROM outbox_message WHERE conference_id = $1 AND kind = 'invitation' LIMIT 1`,
    [conferenceId],
  );
  const queued = ok('test message', await as(admin.token).post('/outbox/test-message', { to: 'world@convene.test' }));
  // A second token of the owner's, for the matrix to revoke: the first one is how the owner calls.
  const spareToken = ok('spare token', await o.post('/auth/tokens', { name: 'spare' }));
  const extraUnit = await insertUnit(t, { name: 'Sở Thử nghiệm', kind: 'department' });
  // The owner is the steward of the world's units: other organizers may not change them.
  for (const unit of [unitId, extraUnit]) {
    ok('steward', await as(admin.token).put(`/units/${unit}/stewards/${owner.userId}`));
  }

  return {
    callers: {
      anonymous: { name: 'anonymous' },
      admin: { name: 'admin', ...admin },
      owner: { name: 'owner', ...owner },
      observerMember: { name: 'observerMember', ...observerMember },
      stranger: { name: 'stranger', ...stranger },
      observerAccount: { name: 'observerAccount', ...observerAccount },
      coordinatorAccount: { name: 'coordinatorAccount', ...coordinatorAccount },
      coordinatorLink: { name: 'coordinatorLink', token: tokenOf(coordinator) },
      otherCoordinatorLink: { name: 'otherCoordinatorLink', token: tokenOf(otherCoordinator) },
      speakerLink: { name: 'speakerLink', token: tokenOf(speaker) },
      otherSpeakerLink: { name: 'otherSpeakerLink', token: tokenOf(otherPresentation) },
      unitLink: { name: 'unitLink', token: tokenOf(unitLink) },
      otherUnitLink: { name: 'otherUnitLink', token: tokenOf(otherUnitLink) },
      answerLink: { name: 'answerLink', token: answerToken },
    },
    ids: {
      conferenceId,
      roundtableId: roundtable.id,
      pointId,
      clusterId: cluster.id,
      slotId: slot.slots[0].id,
      clusterSlotId: clusterSlot.slots[0].id,
      ruleId: rule.id,
      invitationId: invitation.id,
      resendInvitationId: resendInvitation.id,
      siteId: pointId,
      hostPointId: online.hostPoint.id as string,
      presentationId: presentation.id,
      sparePresentationId: sparePresentation.id,
      spareMemberId: spareMember.userId,
      spareCoordinatorId: spareCoordinator.userId,
      submissionId: submission.submission.id,
      planId: plan.id,
      taskId: task.id,
      unitId,
      extraUnitId: extraUnit,
      spareUnitId,
      personId,
      positionId,
      ownerId: owner.userId,
      observerMemberId: observerMember.userId,
      tokenId: spareToken.id,
      sparePersonId,
      testMessageId: queued.id,
      queuedMessageId: invitationMessage.id,
    },
    links: {
      coordinator: tokenOf(coordinator),
      speaker: tokenOf(speaker),
      answer: answerToken,
      feedFile: `${tokenOf(feed)}.ics`,
    },
  };
}

/** The secret in an answer that carries a link (`token`, or the last path segment of `url`). */
function tokenOf(body: Record<string, any>): string {
  const candidate =
    body.token ?? body.speakerLink?.token ?? body.link?.token ?? body.url ?? body.speakerLink?.url ?? body.feedUrl;
  if (typeof candidate !== 'string') throw new Error(`world: no token in ${JSON.stringify(body)}`);
  const match = /(cvl_[A-Za-z0-9_-]+)/.exec(candidate);
  if (!match) throw new Error(`world: no cvl_ token in ${candidate}`);
  return match[1];
}
