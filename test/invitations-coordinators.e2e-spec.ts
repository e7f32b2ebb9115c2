import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { deliver, invitationsPath, invitationWorld, InvitationWorld, to } from './support/invitations';
import { changedTables, databaseFingerprint } from './support/db-fingerprint';

/**
 * Site coordinators with accounts: the organizer assigns an organizer account to one or more
 * bridge points (each with the points below it) or clusters; the account then works there as a
 * coordinator link does — and nowhere else. Members need no assignment; observers cannot have one.
 */
describe('site coordinators with accounts', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let coordinator: { token: string; userId: string };
  let commune: Record<string, any>;
  const sitesPath = () => `/conferences/${world.conference.id}/site-coordinators`;
  const path = () => invitationsPath(world);

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'd0', name: 'Bí thư Huyện ủy Đại Lộc', at: 0 },
      { key: 'd1', name: 'Chủ tịch UBND huyện Hội An', at: 1 },
      { key: 'd2', name: 'Chủ tịch UBND huyện Duy Xuyên', at: 2 },
      { key: 'c1', name: 'Chủ tịch UBND xã Ái Nghĩa', at: 0 },
      { key: 'h', name: 'Giám đốc Sở Nội vụ', at: 'host' },
    ]);
    commune = (
      await t
        .http()
        .post(`/conferences/${world.conference.id}/bridge-points`)
        .set(auth(world.token))
        .send({ name: 'Điểm cầu xã Ái Nghĩa', parentId: world.points[0].id, room: 'Hội trường UBND xã' })
        .expect(201)
    ).body;
    coordinator = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  it('assigns an account to two district points and lists it with its sites', async () => {
    const res = await t
      .http()
      .put(`${sitesPath()}/${coordinator.userId}`)
      .set(auth(world.token))
      .send({ siteIds: [world.points[0].id, world.points[1].id] })
      .expect(200);
    expect(res.body.userId).toBe(coordinator.userId);
    expect(res.body.sites.map((s: any) => s.id).sort()).toEqual([world.points[0].id, world.points[1].id].sort());
    expect(res.body.sites.every((s: any) => s.kind === 'bridge_point' && typeof s.name === 'string')).toBe(true);
    const list = await t.http().get(sitesPath()).set(auth(world.token)).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].sites).toHaveLength(2);
    const [audit] = await t.dataSource.query(
      `SELECT action, after FROM audit_entry WHERE conference_id = $1 AND action LIKE 'invitation.site_coordinator%' ORDER BY at DESC LIMIT 1`,
      [world.conference.id],
    );
    expect(audit.action).toBe('invitation.site_coordinator.set');
    expect(audit.after.siteIds.sort()).toEqual([world.points[0].id, world.points[1].id].sort());
  });

  it('shows the account what it coordinates, in the conference’s zone', async () => {
    const res = await t.http().get('/coordination').set(auth(coordinator.token)).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].conference).toMatchObject({ id: world.conference.id, timeZone: 'Asia/Ho_Chi_Minh' });
    expect(res.body.items[0].conference.startsAt).toMatch(/\+07:00$/);
    expect(res.body.items[0].sites).toHaveLength(2);
    const other = await apiUser(t, 'organizer');
    expect((await t.http().get('/coordination').set(auth(other.token)).expect(200)).body.items).toEqual([]);
  });

  it('lets the account invite, send and read answers at its points and the points below them', async () => {
    const added = await t
      .http()
      .post(path())
      .set(auth(coordinator.token))
      .send({ personId: world.people.d0.id, siteId: world.points[0].id })
      .expect(201);
    expect(added.body).toMatchObject({ source: 'coordinator', addedBy: { kind: 'user' } });
    await t
      .http()
      .post(path())
      .set(auth(coordinator.token))
      .send({ personId: world.people.c1.id, siteId: commune.id })
      .expect(201);
    await t
      .http()
      .post(path())
      .set(auth(coordinator.token))
      .send({ personId: world.people.d1.id, siteId: world.points[1].id })
      .expect(201);
    // The organizer invites at a point the account does not coordinate: the account never sees it.
    await t
      .http()
      .post(path())
      .set(auth(world.token))
      .send({ personId: world.people.d2.id, siteId: world.points[2].id })
      .expect(201);
    const sent = await t.http().post(`${path()}/send`).set(auth(coordinator.token)).send({}).expect(202);
    expect(sent.body).toEqual({ queued: 3, withoutEmail: 0 });
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual(
      [world.people.d0.email, world.people.c1.email, world.people.d1.email].sort(),
    );
    expect(to(messages, world.people.d2.email)).toEqual([]);
    const list = await t.http().get(path()).set(auth(coordinator.token)).expect(200);
    expect(list.body.items.map((i: any) => i.person.id).sort()).toEqual(
      [world.people.d0.id, world.people.c1.id, world.people.d1.id].sort(),
    );
    const summary = await t.http().get(`${path()}/summary`).set(auth(coordinator.token)).expect(200);
    expect(summary.body.sites.map((s: any) => s.siteId).sort()).toEqual(
      [world.points[0].id, world.points[1].id, commune.id].sort(),
    );
    expect(summary.body.totals).toMatchObject({ invited: 3, sent: 3 });
    const csv = await t.http().get(`${path()}/export.csv`).set(auth(coordinator.token)).expect(200);
    expect(csv.text).toContain('Chủ tịch UBND xã Ái Nghĩa');
    expect(csv.text).not.toContain('Duy Xuyên');
  });

  it('keeps the account out of other sites (404), the organizer’s views (403) and the rest of the conference (404)', async () => {
    const other = world.points[2].id;
    const d2 = (await t.http().get(`${path()}?siteId=${other}`).set(auth(world.token)).expect(200)).body.items[0];
    const as = auth(coordinator.token);
    const before = await databaseFingerprint(t.dataSource);
    await t.http().get(`${path()}?siteId=${other}`).set(as).expect(404);
    await t.http().post(path()).set(as).send({ personId: world.people.h.id, siteId: world.hostPoint.id }).expect(404);
    await t.http().delete(`${path()}/${d2.id}`).set(as).expect(404);
    await t.http().post(`${path()}/send`).set(as).send({ siteId: other }).expect(404);
    await t.http().post(`${path()}/generate`).set(as).send({ siteId: world.hostPoint.id }).expect(404);
    await t.http().post(`${path()}/coordinator-links`).set(as).send({ siteId: world.points[0].id }).expect(403);
    await t.http().get(`${path()}/cascade`).set(as).expect(403);
    await t
      .http()
      .put(`/conferences/${world.conference.id}/invitation-letter`)
      .set(as)
      .send({ reference: 'x' })
      .expect(403);
    await t.http().delete(`${path()}/coordinator-links/${world.points[0].id}`).set(as).expect(403);
    await t.http().get(`/conferences/${world.conference.id}`).set(as).expect(404);
    await t.http().get(`/conferences/${world.conference.id}/bridge-points`).set(as).expect(404);
    await t.http().patch(`/conferences/${world.conference.id}`).set(as).send({ title: 'Đổi tên' }).expect(404);
    await t
      .http()
      .put(`${sitesPath()}/${coordinator.userId}`)
      .set(as)
      .send({ siteIds: [other] })
      .expect(404);
    expect(changedTables(before, await databaseFingerprint(t.dataSource))).toEqual([]);
    const conferences = await t.http().get('/conferences').set(as).expect(200);
    expect(conferences.body.items.map((c: any) => c.id)).not.toContain(world.conference.id);
  });

  it('lets the account mint links for the coordinators of the points below its own', async () => {
    const res = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(coordinator.token))
      .send({ siteId: commune.id, mail: false })
      .expect(201);
    const list = await t.http().get(path()).set(auth(res.body.token)).expect(200);
    expect(list.body.items.map((i: any) => i.person.id)).toEqual([world.people.c1.id]);
  });

  it('ends the reach when the assignment changes or goes', async () => {
    await t
      .http()
      .put(`${sitesPath()}/${coordinator.userId}`)
      .set(auth(world.token))
      .send({ siteIds: [world.points[1].id] })
      .expect(200);
    await t.http().get(`${path()}?siteId=${world.points[0].id}`).set(auth(coordinator.token)).expect(404);
    await t.http().get(`${path()}?siteId=${world.points[1].id}`).set(auth(coordinator.token)).expect(200);
    await t.http().delete(`${sitesPath()}/${coordinator.userId}`).set(auth(world.token)).expect(204);
    await t.http().get(path()).set(auth(coordinator.token)).expect(404);
    await t.http().delete(`${sitesPath()}/${coordinator.userId}`).set(auth(world.token)).expect(404);
    expect((await t.http().get('/coordination').set(auth(coordinator.token)).expect(200)).body.items).toEqual([]);
  });

  it('lets a cluster’s coordinator reach that cluster only', async () => {
    const roundtable = await createConference(t, world.token, { kind: 'roundtable', format: 'in_person' });
    const clusters = [];
    for (const [number, day] of [
      [1, '05'],
      [2, '12'],
    ] as const) {
      clusters.push(
        (
          await t
            .http()
            .post(`/conferences/${roundtable.id}/clusters`)
            .set(auth(world.token))
            .send({ number, startsAt: `2026-04-${day}T13:30:00+07:00`, endsAt: `2026-04-${day}T17:00:00+07:00` })
            .expect(201)
        ).body,
      );
    }
    await t
      .http()
      .put(`/conferences/${roundtable.id}/site-coordinators/${coordinator.userId}`)
      .set(auth(world.token))
      .send({ siteIds: [clusters[0].id] })
      .expect(200);
    const p = `/conferences/${roundtable.id}/invitations`;
    await t
      .http()
      .post(p)
      .set(auth(coordinator.token))
      .send({ personId: world.people.h.id, siteId: clusters[0].id })
      .expect(201);
    await t
      .http()
      .post(p)
      .set(auth(coordinator.token))
      .send({ personId: world.people.d2.id, siteId: clusters[1].id })
      .expect(404);
    const summary = await t.http().get(`${p}/summary`).set(auth(coordinator.token)).expect(200);
    expect(summary.body.sites.map((s: any) => s.siteId)).toEqual([clusters[0].id]);
  });

  describe('refuses bad assignments with a clear answer and no change', () => {
    const put = (userId: string, body: unknown, token = world.token) =>
      t
        .http()
        .put(`${sitesPath()}/${userId}`)
        .set(auth(token))
        .send(body as object);
    let fingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;
    beforeEach(async () => {
      fingerprint = await databaseFingerprint(t.dataSource);
    });
    afterEach(async () => {
      expect(changedTables(fingerprint, await databaseFingerprint(t.dataSource))).toEqual([]);
    });

    it('400/422 on a malformed body, naming the field', async () => {
      const user = await apiUser(t, 'organizer');
      fingerprint = await databaseFingerprint(t.dataSource);
      for (const body of [
        {},
        { siteIds: [] },
        { siteIds: ['nope'] },
        { siteIds: 'x' },
        { siteIds: [world.points[0].id, world.points[0].id] },
      ]) {
        const res = await put(user.userId, body);
        expect([400, 422]).toContain(res.status);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(res.body.errors)).toContain('siteIds');
      }
      // A path id that is no UUID names nothing: 404, as everywhere in the API.
      const bad = await t
        .http()
        .put(`${sitesPath()}/not-a-uuid`)
        .set(auth(world.token))
        .send({ siteIds: [world.points[0].id] })
        .expect(404);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('422 for a site of another conference, naming its index', async () => {
      const user = await apiUser(t, 'organizer');
      const elsewhere = await invitationWorld(t, [], { points: 1 });
      fingerprint = await databaseFingerprint(t.dataSource);
      const res = await put(user.userId, { siteIds: [world.points[0].id, elsewhere.points[0].id] }).expect(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'siteIds[1]', rule: 'reference' })]);
    });

    it('404 for an unknown account, 422 for an observer or admin account, 409 for a member', async () => {
      const observer = await apiUser(t, 'observer');
      const admin = await apiUser(t, 'admin');
      const member = await apiUser(t, 'organizer');
      await t
        .http()
        .post(`/conferences/${world.conference.id}/members`)
        .set(auth(world.token))
        .send({ userId: member.userId, role: 'observer' })
        .expect(201);
      fingerprint = await databaseFingerprint(t.dataSource);
      const site = { siteIds: [world.points[0].id] };
      await put('00000000-0000-4000-8000-000000000000', site).expect(404);
      expect((await put(observer.userId, site).expect(422)).body.errors[0]).toMatchObject({
        field: 'userId',
        rule: 'coordinatorAccount',
      });
      expect((await put(admin.userId, site).expect(422)).body.errors[0]).toMatchObject({
        field: 'userId',
        rule: 'coordinatorAccount',
      });
      expect((await put(member.userId, site).expect(409)).body.code).toBe('ALREADY_MEMBER');
      // The observer member reads, but cannot assign.
      await put(observer.userId, site, member.token).expect(403);
    });
  });
});
