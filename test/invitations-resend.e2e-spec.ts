import { createTestApp, TestApp } from './support/app';
import { apiUser, auth } from './support/conference-fixtures';
import { changedTables, databaseFingerprint } from './support/db-fingerprint';
import {
  answerTokenOf,
  deliver,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  received,
  sendAll,
  to,
} from './support/invitations';

/**
 * Rotating secret links on demand: an organizer (or the site's coordinator) sends one delegate's
 * invitation again with a fresh answer link, the old ones stop working; a coordinator link is
 * rotated by issuing it with `rotate: true`.
 */
describe('rotating answer and coordinator links', () => {
  let t: TestApp;
  let world: InvitationWorld;
  const path = () => invitationsPath(world);

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'a', name: 'Chủ tịch UBND huyện Đại Lộc', at: 0 },
      { key: 'b', name: 'Chủ tịch UBND huyện Hội An', at: 1 },
      { key: 'n', name: 'Phó Chủ tịch UBND huyện Duy Xuyên', at: 2 },
    ]);
  });
  afterAll(() => t.close());

  it('sends the invitation again with a new answer link; the old link stops working', async () => {
    const invitation = await invite(t, world, 'a', world.points[0].id);
    await invite(t, world, 'b', world.points[1].id);
    await sendAll(t, world);
    const first = to(await deliver(t), world.people.a.email)[0];
    const oldToken = answerTokenOf(first);
    await t.http().get(`/invitations/answer/${oldToken}`).expect(200);

    const res = await t.http().post(`${path()}/${invitation.id}/resend`).set(auth(world.token)).expect(202);
    expect(res.body).toEqual({ queued: 1, withoutEmail: 0 });
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0])).toEqual([world.people.a.email]);
    const again = received(messages[0], world.people.a.email);
    const before = received(first, world.people.a.email);
    expect(again.method).toBe('REQUEST');
    expect(again.event.uid).toBe(before.event.uid);
    expect(again.event.sequence).toBe(before.event.sequence);
    const newToken = answerTokenOf(messages[0]);
    expect(newToken).not.toBe(oldToken);
    await t.http().get(`/invitations/answer/${oldToken}`).expect(404);
    await t.http().post(`/invitations/answer/${oldToken}`).type('form').send({ answer: 'accepted' }).expect(404);
    await t.http().post(`/invitations/answer/${newToken}`).type('form').send({ answer: 'accepted' }).expect(200);
    const [audit] = await t.dataSource.query(
      `SELECT actor_label FROM audit_entry WHERE action = 'invitation.resend' AND entity_id = $1`,
      [invitation.id],
    );
    expect(audit).toBeDefined();
  });

  it('lets the coordinator of the site resend, and nobody outside it', async () => {
    const list = await t.http().get(path()).set(auth(world.token)).expect(200);
    const b = list.body.items.find((i: any) => i.person.id === world.people.b.id);
    const own = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: world.points[1].id, mail: false })
      .expect(201);
    const other = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: world.points[0].id, mail: false })
      .expect(201);
    const observer = await apiUser(t, 'organizer');
    await t
      .http()
      .post(`/conferences/${world.conference.id}/members`)
      .set(auth(world.token))
      .send({ userId: observer.userId, role: 'observer' })
      .expect(201);
    const stranger = await apiUser(t, 'organizer');
    const fingerprint = await databaseFingerprint(t.dataSource);
    await t.http().post(`${path()}/${b.id}/resend`).set(auth(other.body.token)).expect(404);
    await t.http().post(`${path()}/${b.id}/resend`).set(auth(observer.token)).expect(403);
    await t.http().post(`${path()}/${b.id}/resend`).set(auth(stranger.token)).expect(404);
    await t.http().post(`${path()}/${b.id}/resend`).expect(401);
    expect(changedTables(fingerprint, await databaseFingerprint(t.dataSource))).toEqual([]);
    await t.http().post(`${path()}/${b.id}/resend`).set(auth(own.body.token)).expect(202);
    expect((await deliver(t)).map((m) => m.to[0])).toEqual([world.people.b.email]);
  });

  it('refuses what cannot be resent, clearly and without a change', async () => {
    const unsent = await invite(t, world, 'n', world.points[2].id);
    const elsewhere = await invitationWorld(t, []);
    const fingerprint = await databaseFingerprint(t.dataSource);
    const notSent = await t.http().post(`${path()}/${unsent.id}/resend`).set(auth(world.token)).expect(409);
    expect(notSent.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notSent.body.code).toBe('NOT_SENT');
    await t.http().post(`${path()}/00000000-0000-4000-8000-000000000000/resend`).set(auth(world.token)).expect(404);
    await t.http().post(`${path()}/not-an-id/resend`).set(auth(world.token)).expect(404);
    await t
      .http()
      .post(`${invitationsPath(elsewhere)}/${unsent.id}/resend`)
      .set(auth(elsewhere.token))
      .expect(404);
    expect(changedTables(fingerprint, await databaseFingerprint(t.dataSource))).toEqual([]);
    await t.http().delete(`${path()}/${unsent.id}`).set(auth(world.token)).expect(204);
    await t.http().post(`${path()}/${unsent.id}/resend`).set(auth(world.token)).expect(404);
  });

  it('rotates a coordinator link: only the new one works', async () => {
    const site = world.points[2].id;
    const first = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: site, mail: false })
      .expect(201);
    await t.http().get(path()).set(auth(first.body.token)).expect(200);
    const second = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: site, mail: false, rotate: true })
      .expect(201);
    await t.http().get(path()).set(auth(first.body.token)).expect(401);
    await t.http().get(path()).set(auth(second.body.token)).expect(200);
    // Without rotate, links add up (the mailed one and the organizer's own copy both work).
    const third = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: site, mail: false })
      .expect(201);
    await t.http().get(path()).set(auth(second.body.token)).expect(200);
    await t.http().get(path()).set(auth(third.body.token)).expect(200);
    const bad = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: site, rotate: 'yes' })
      .expect(422);
    expect(JSON.stringify(bad.body.errors)).toContain('rotate');
  });
});
