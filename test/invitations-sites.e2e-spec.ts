import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import {
  answerTokenOf,
  deliver,
  insertPersonAt,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  received,
  to,
  stillExpected,
} from './support/invitations';

/**
 * Delegated sites: a coordinator's link opens their own site and the points nested under it —
 * adding, removing, sending and reading answers there — and nothing else; the organizer sees the
 * cascade. Also: generation from the composition rules, and the audience the reminders read.
 */
describe('invitations of delegated sites', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let communes: Record<string, any>[];
  let coordinatorEmail: string;
  let districtToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'd0', name: 'Bí thư Huyện ủy Đại Lộc', at: 0 },
      { key: 'd1', name: 'Chủ tịch UBND huyện Hội An', at: 1 },
      { key: 'c1', name: 'Chủ tịch UBND xã Ái Nghĩa', at: 0 },
      { key: 'c2', name: 'Chủ tịch UBND xã Đại Hiệp', at: 0 },
    ]);
    const points = `/conferences/${world.conference.id}/bridge-points`;
    communes = [];
    for (const name of ['Điểm cầu xã Ái Nghĩa', 'Điểm cầu xã Đại Hiệp']) {
      communes.push(
        (
          await t
            .http()
            .post(points)
            .set(auth(world.token))
            .send({ name, parentId: world.points[0].id, room: 'Hội trường UBND xã' })
            .expect(201)
        ).body,
      );
    }
    coordinatorEmail = `dieuphoi.${process.pid}@convene.test`;
    const coordinator = await insertPersonAt(
      t,
      'Nguyễn Điều Phối',
      coordinatorEmail,
      world.points[0].unitId,
      'Chánh Văn phòng HĐND và UBND huyện',
    );
    await t
      .http()
      .patch(`${points}/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ coordinatorPersonId: coordinator })
      .expect(200);
    await invite(t, world, 'd1', world.points[1].id);
  });
  afterAll(() => t.close());

  const path = () => invitationsPath(world);
  const asDistrict = () => auth(districtToken);

  it('issues a coordinator link once and mails the point’s coordinator a link of their own', async () => {
    const res = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: world.points[0].id })
      .expect(201);
    expect(res.body).toMatchObject({
      siteId: world.points[0].id,
      mailedTo: coordinatorEmail,
      url: `http://convene.test/conferences/${world.conference.id}/invitations`,
    });
    expect(res.body.token).toMatch(/^cvl_/);
    const [mail] = to(await deliver(t), coordinatorEmail);
    expect(mail.parsed.subject).toBe(
      'Đề nghị mời thành phần dự họp tại điểm cầu: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
    );
    expect(res.body.pageUrl).toBe(`http://convene.test/app/site/${world.conference.id}#k=${res.body.token}`);
    const mailed = /(cvl_[A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '')![1];
    expect(mail.parsed.text).toContain(`http://convene.test/app/site/${world.conference.id}#k=${mailed}`);
    expect(mailed).not.toBe(res.body.token);
    districtToken = mailed;
    await t.http().get(path()).set(asDistrict()).expect(200);
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM secret_link WHERE purpose = 'site-coordinator' AND subject_id = $1`,
      [world.points[0].id],
    );
    expect(stored[0].n).toBe(2);
  });

  it('lets the coordinator add, send and remove the invitations of their site and the points below it', async () => {
    const added = await t
      .http()
      .post(path())
      .set(asDistrict())
      .send({ personId: world.people.d0.id, siteId: world.points[0].id })
      .expect(201);
    expect(added.body).toMatchObject({
      source: 'coordinator',
      addedBy: { kind: 'link' },
      site: { id: world.points[0].id },
    });
    await t
      .http()
      .post(path())
      .set(asDistrict())
      .send({ personId: world.people.c1.id, siteId: communes[0].id })
      .expect(201);
    await t
      .http()
      .post(path())
      .set(asDistrict())
      .send({ personId: world.people.c2.id, siteId: communes[1].id })
      .expect(201);
    const sent = await t.http().post(`${path()}/send`).set(asDistrict()).send({}).expect(202);
    expect(sent.body).toEqual({ queued: 3, withoutEmail: 0 });
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual(
      [world.people.d0.email, world.people.c1.email, world.people.c2.email].sort(),
    );
    expect(
      received(to(messages, world.people.c1.email)[0], world.people.c1.email, ['Điểm cầu xã Ái Nghĩa']).event.location,
    ).toBe('Điểm cầu xã Ái Nghĩa — Hội trường UBND xã');
    const list = await t.http().get(path()).set(asDistrict()).expect(200);
    expect(list.body.items.map((i: any) => i.person.fullName).sort()).toEqual([
      'Bí thư Huyện ủy Đại Lộc',
      'Chủ tịch UBND xã Ái Nghĩa',
      'Chủ tịch UBND xã Đại Hiệp',
    ]);
    const c2 = list.body.items.find((i: any) => i.person.id === world.people.c2.id);
    await t.http().delete(`${path()}/${c2.id}`).set(asDistrict()).expect(204);
    const cancel = await deliver(t);
    expect(cancel.map((m) => m.to[0])).toEqual([world.people.c2.email]);
    expect(received(cancel[0], world.people.c2.email).method).toBe('CANCEL');
  });

  it('shows the coordinator the answers of their sites only', async () => {
    const token = answerTokenOf(to(t.sink.messages, world.people.c1.email)[0]);
    await t.http().post(`/invitations/answer/${token}`).type('form').send({ answer: 'accepted' }).expect(200);
    const summary = await t.http().get(`${path()}/summary`).set(asDistrict()).expect(200);
    expect(summary.body.sites.map((s: any) => s.siteId).sort()).toEqual(
      [world.points[0].id, ...communes.map((c) => c.id)].sort(),
    );
    expect(summary.body.totals).toMatchObject({ invited: 2, sent: 2, accepted: 1, noAnswer: 1 });
    const csv = await t.http().get(`${path()}/export.csv`).set(asDistrict()).expect(200);
    expect(csv.text).toContain('Chủ tịch UBND xã Ái Nghĩa');
    expect(csv.text).not.toContain('Hội An');
  });

  it('keeps the coordinator out of other sites (404) and of the organizer’s endpoints (403, 401)', async () => {
    const other = world.points[1].id;
    const d1 = (await t.http().get(`${path()}?siteId=${other}`).set(auth(world.token)).expect(200)).body.items[0];
    await t.http().get(`${path()}?siteId=${other}`).set(asDistrict()).expect(404);
    await t.http().post(path()).set(asDistrict()).send({ personId: world.people.d0.id, siteId: other }).expect(404);
    await t.http().delete(`${path()}/${d1.id}`).set(asDistrict()).expect(404);
    await t.http().post(`${path()}/send`).set(asDistrict()).send({ siteId: other }).expect(404);
    await t.http().post(`${path()}/generate`).set(asDistrict()).send({ siteId: world.hostPoint.id }).expect(404);
    await t.http().post(`${path()}/coordinator-links`).set(asDistrict()).send({ siteId: other }).expect(404);
    await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(asDistrict())
      .send({ siteId: world.points[0].id })
      .expect(403);
    await t.http().get(`${path()}/cascade`).set(asDistrict()).expect(403);
    await t.http().get(`/conferences/${world.conference.id}/invitation-letter`).set(asDistrict()).expect(403);
    await t
      .http()
      .put(`/conferences/${world.conference.id}/invitation-letter`)
      .set(asDistrict())
      .send({ reference: 'x' })
      .expect(403);
    await t.http().delete(`${path()}/coordinator-links/${world.points[0].id}`).set(asDistrict()).expect(403);
    await t.http().get(`/conferences/${world.conference.id}`).set(asDistrict()).expect(401);
    await t.http().get(`/conferences/${world.conference.id}/bridge-points`).set(asDistrict()).expect(401);
    const elsewhere = await invitationWorld(t, []);
    await t.http().get(invitationsPath(elsewhere)).set(asDistrict()).expect(404);
    const summary = await t.http().get(`${path()}/summary`).set(asDistrict()).expect(200);
    expect(summary.body.sites.map((s: any) => s.siteId)).not.toContain(other);
  });

  it('lets a coordinator invite the coordinators of the points below, each limited to their own point', async () => {
    const res = await t
      .http()
      .post(`${path()}/coordinator-links`)
      .set(asDistrict())
      .send({ siteId: communes[0].id, mail: false })
      .expect(201);
    expect(res.body.mailedTo).toBeNull();
    const commune = auth(res.body.token);
    const list = await t.http().get(path()).set(commune).expect(200);
    expect(list.body.items.map((i: any) => i.person.fullName)).toEqual(['Chủ tịch UBND xã Ái Nghĩa']);
    await t.http().get(`${path()}?siteId=${world.points[0].id}`).set(commune).expect(404);
    await t.http().post(path()).set(commune).send({ personId: world.people.c2.id, siteId: communes[1].id }).expect(404);
  });

  it('shows the organizer the cascade: coordinator invited and opened, invited and answered, per point, subtree and level', async () => {
    const res = await t.http().get(`${path()}/cascade`).set(auth(world.token)).expect(200);
    const byId = Object.fromEntries(res.body.points.map((p: any) => [p.id, p]));
    expect(byId[world.points[0].id]).toMatchObject({
      coordinatorInvited: true,
      coordinatorOpened: true,
      invited: 1,
      answered: 0,
      subtree: { points: 3, coordinatorsInvited: 2, coordinatorsOpened: 2, invited: 2, answered: 1 },
    });
    expect(byId[communes[0].id]).toMatchObject({ coordinatorInvited: true, invited: 1, answered: 1 });
    expect(byId[world.points[1].id]).toMatchObject({ coordinatorInvited: false, coordinatorOpened: false, invited: 1 });
    expect(res.body.levels).toEqual([
      { depth: 0, points: 1, coordinatorsInvited: 0, coordinatorsOpened: 0, invited: 0, answered: 0 },
      { depth: 1, points: 3, coordinatorsInvited: 1, coordinatorsOpened: 1, invited: 2, answered: 0 },
      { depth: 2, points: 2, coordinatorsInvited: 1, coordinatorsOpened: 1, invited: 1, answered: 1 },
    ]);
  });

  it('stops every link of a site when the organizer revokes them', async () => {
    await t.http().delete(`${path()}/coordinator-links/${world.points[0].id}`).set(auth(world.token)).expect(204);
    await t.http().get(path()).set(asDistrict()).expect(401);
  });

  it('gives the reminders everyone still expected: sent, not declined, not passed on', async () => {
    const audience = await stillExpected(t, world.conference.id);
    expect(audience.map((a) => a.name).sort()).toEqual(['Bí thư Huyện ủy Đại Lộc', 'Chủ tịch UBND xã Ái Nghĩa']);
    expect(audience.find((a) => a.name === 'Chủ tịch UBND xã Ái Nghĩa')).toMatchObject({
      site_id: communes[0].id,
      site_label: 'Điểm cầu xã Ái Nghĩa',
      answer: 'accepted',
      language: 'vi',
      email: world.people.c1.email,
    });
  });
});

describe('invitations generated from the composition', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('invites the people the rules name, per site, in one request; generating twice adds nothing', async () => {
    const world = await invitationWorld(t, [
      { key: 'a', name: 'Chủ tịch UBND huyện Một', at: 0 },
      { key: 'b', name: 'Chủ tịch UBND huyện Hai', at: 1 },
      { key: 'h', name: 'Chánh Văn phòng UBND tỉnh', at: 'host' },
    ]);
    const rules = `/conferences/${world.conference.id}/composition/rules`;
    for (const [point, label] of [
      [world.points[0], 'Chủ tịch UBND huyện'],
      [world.points[1], 'Chủ tịch UBND huyện'],
      [world.hostPoint, 'Lãnh đạo Văn phòng'],
    ] as const) {
      await t
        .http()
        .post(rules)
        .set(auth(world.token))
        .send({ site: { kind: 'bridge_point', id: point.id }, label, units: { ids: [point.unitId] }, roles: ['head'] })
        .expect(201);
    }
    const first = await t
      .http()
      .post(`${invitationsPath(world)}/generate`)
      .set(auth(world.token))
      .send({})
      .expect(201);
    expect(first.body).toMatchObject({ created: 3, existing: 0 });
    expect(first.body.sites.find((s: any) => s.siteId === world.points[0].id)).toMatchObject({
      created: 1,
      existing: 0,
      gaps: [],
    });
    const again = await t
      .http()
      .post(`${invitationsPath(world)}/generate`)
      .set(auth(world.token))
      .send({})
      .expect(201);
    expect(again.body).toMatchObject({ created: 0, existing: 3 });
    const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
    expect(list.body.total).toBe(3);
    const a = list.body.items.find((i: any) => i.person.id === world.people.a.id);
    expect(a).toMatchObject({ source: 'composition', site: { id: world.points[0].id } });
    expect(a.ruleId).toMatch(/^[0-9a-f-]{36}$/);
    const one = await t
      .http()
      .post(`${invitationsPath(world)}/generate`)
      .set(auth(world.token))
      .send({ siteId: world.points[1].id })
      .expect(201);
    expect(one.body).toMatchObject({ created: 0, existing: 1, sites: [{ siteId: world.points[1].id }] });
  });
});
