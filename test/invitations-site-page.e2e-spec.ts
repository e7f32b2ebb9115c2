import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { deliver, insertPersonAt, invitationsPath, invitationWorld, InvitationWorld, to } from './support/invitations';

/**
 * What the console's coordinator page stands on: the mail's link opens the page (the secret in
 * the fragment), the sites view tells the coordinator where and when, and a coordinator invites
 * someone by name and e-mail when they do not know the directory's ids.
 */
describe('the site coordinator’s page, through the API', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let commune: Record<string, any>;
  let secret: string;
  const vi = `dieuphoi.vi.${process.pid}@convene.test`;
  const en = `dieuphoi.en.${process.pid}@convene.test`;

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [{ key: 'd0', name: 'Bí thư Huyện ủy Đại Lộc', at: 0 }]);
    const points = `/conferences/${world.conference.id}/bridge-points`;
    commune = (
      await t
        .http()
        .post(points)
        .set(auth(world.token))
        .send({ name: 'Điểm cầu xã Ái Nghĩa', parentId: world.points[0].id, room: 'Hội trường UBND xã' })
        .expect(201)
    ).body;
    const coordinators = [
      [world.points[0], await insertPersonAt(t, 'Nguyễn Điều Phối', vi, world.points[0].unitId, 'Chánh Văn phòng')],
      [world.points[1], await insertPersonAt(t, 'Tran Coordinator', en, world.points[1].unitId, 'Chief', 'en')],
    ] as const;
    for (const [point, personId] of coordinators)
      await t
        .http()
        .patch(`${points}/${point.id}`)
        .set(auth(world.token))
        .send({ coordinatorPersonId: personId, address: '2 Nguyễn Tất Thành' })
        .expect(200);
    await t
      .http()
      .post(`/conferences/${world.conference.id}/composition/rules`)
      .set(auth(world.token))
      .send({
        site: { kind: 'bridge_point', id: world.points[0].id },
        label: 'Chủ tịch UBND các xã, thị trấn',
        units: { ids: [world.points[0].unitId] },
        everyone: true,
      })
      .expect(201);
  });
  afterAll(() => t.close());

  const path = () => invitationsPath(world);
  const asCoordinator = () => auth(secret);

  it('mails a link to the console’s page, the secret in the fragment, saying what to do', async () => {
    for (const point of world.points.slice(0, 2))
      await t.http().post(`${path()}/coordinator-links`).set(auth(world.token)).send({ siteId: point.id }).expect(201);
    const messages = await deliver(t);
    const [mail] = to(messages, vi);
    const text = mail.parsed.text ?? '';
    const link = new RegExp(`http://convene\\.test/app/site/${world.conference.id}#k=(cvl_[A-Za-z0-9_-]+)\\n`).exec(
      text,
    );
    expect(link).not.toBeNull();
    secret = link![1];
    expect(text).toContain(`Mở trang sau để mời đại biểu của điểm cầu ${world.points[0].name}`);
    expect(text).toContain('thêm hoặc thu hồi giấy mời đại biểu và theo dõi xác nhận tham dự');
    const [english] = to(messages, en);
    expect(english.parsed.text).toContain(
      `Open this page to invite the delegates of the bridge point ${world.points[1].name}`,
    );
    expect(english.parsed.text).toMatch(new RegExp(`http://convene\\.test/app/site/${world.conference.id}#k=cvl_`));
    await t.http().get(path()).set(asCoordinator()).expect(200);
  });

  it('shows the coordinator the conference and their own point and the points below, with place and composition', async () => {
    const res = await t.http().get(`${path()}/sites`).set(asCoordinator()).expect(200);
    expect(res.body.conference).toEqual({
      id: world.conference.id,
      title: world.conference.title,
      status: 'scheduled',
      timeZone: 'Asia/Ho_Chi_Minh',
      startsAt: '2026-04-08T07:30:00+07:00',
      endsAt: '2026-04-08T11:30:00+07:00',
    });
    expect(res.body.sites).toEqual([
      expect.objectContaining({
        id: world.points[0].id,
        kind: 'bridge_point',
        name: world.points[0].name,
        own: true,
        address: '2 Nguyễn Tất Thành',
        composition: ['Chủ tịch UBND các xã, thị trấn'],
      }),
      expect.objectContaining({ id: commune.id, own: false, room: 'Hội trường UBND xã', composition: [] }),
    ]);
  });

  it('shows the organizer every site', async () => {
    const res = await t.http().get(`${path()}/sites`).set(auth(world.token)).expect(200);
    expect(res.body.sites.map((s: any) => s.id).sort()).toEqual(
      [world.hostPoint.id, ...world.points.map((p) => p.id), commune.id].sort(),
    );
    expect(res.body.sites.every((s: any) => s.own)).toBe(true);
  });

  it('finds the people of the point’s unit not invited yet, by words of the name without accents', async () => {
    const search = (siteId: string, q?: string) =>
      t.http().get(`${path()}/candidates`).query({ siteId, q }).set(asCoordinator());
    const all = await search(world.points[0].id).expect(200);
    expect(all.body.items).toEqual([
      {
        personId: world.people.d0.id,
        fullName: 'Bí thư Huyện ủy Đại Lộc',
        position: `Chủ tịch ${world.points[0].name}`,
        unitName: expect.any(String),
        hasEmail: true,
      },
      expect.objectContaining({ fullName: 'Nguyễn Điều Phối', position: 'Chánh Văn phòng' }),
    ]);
    const found = await search(world.points[0].id, 'dai loc').expect(200);
    expect(found.body.items.map((c: any) => c.fullName)).toEqual(['Bí thư Huyện ủy Đại Lộc']);
    await expect(search(world.points[0].id, '100%_').expect(200)).resolves.toMatchObject({ body: { items: [] } });
    await search(world.points[1].id).expect(404);
    const ownByDefault = await t.http().get(`${path()}/candidates`).set(asCoordinator()).expect(200);
    expect(ownByDefault.body).toEqual(all.body);
    const organizer = await t.http().get(`${path()}/candidates`).set(auth(world.token)).expect(422);
    expect(organizer.body.errors).toEqual([expect.objectContaining({ field: 'siteId', rule: 'required' })]);
  });

  it('adds a new person to the directory and invites them, by name and e-mail', async () => {
    const res = await t
      .http()
      .post(path())
      .set(asCoordinator())
      .send({
        siteId: commune.id,
        fullName: '  Trần   Văn Một ',
        email: ' Tran.Mot@AiNghia.gov.vn',
        positionTitle: 'Chủ tịch UBND xã',
      })
      .expect(201);
    expect(res.body).toMatchObject({
      source: 'coordinator',
      addedBy: { kind: 'link' },
      site: { id: commune.id },
      person: { fullName: 'Trần Văn Một', email: 'tran.mot@ainghia.gov.vn', position: 'Chủ tịch UBND xã' },
    });
    const [person] = await t.dataSource.query(`SELECT language, search_key FROM person WHERE id = $1`, [
      res.body.person.id,
    ]);
    expect(person).toEqual({ language: 'vi', search_key: 'tran van mot' });
  });

  it('invites the directory’s own person when the e-mail is theirs, once', async () => {
    const res = await t
      .http()
      .post(path())
      .set(asCoordinator())
      .send({ siteId: world.points[0].id, fullName: 'Another spelling', email: world.people.d0.email })
      .expect(201);
    expect(res.body.person).toMatchObject({ id: world.people.d0.id, fullName: 'Bí thư Huyện ủy Đại Lộc' });
    const again = await t
      .http()
      .post(path())
      .set(asCoordinator())
      .send({ siteId: world.points[0].id, fullName: 'Bí thư', email: world.people.d0.email })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_INVITED');
    const left = await t
      .http()
      .get(`${path()}/candidates`)
      .query({ siteId: world.points[0].id })
      .set(asCoordinator())
      .expect(200);
    expect(left.body.items.map((c: any) => c.fullName)).toEqual(['Nguyễn Điều Phối']);
  });

  it('refuses a wrong e-mail, a blank name, and both ways at once, naming the field', async () => {
    const refuse = async (body: Record<string, unknown>) =>
      (
        await t
          .http()
          .post(path())
          .set(asCoordinator())
          .send({ siteId: commune.id, ...body })
          .expect(422)
      ).body.errors;
    await expect(refuse({ fullName: 'Lê Thị Hai', email: 'le.hai@' })).resolves.toEqual([
      expect.objectContaining({ field: 'email', rule: 'isEmail' }),
    ]);
    await expect(refuse({ fullName: 'Lê Thị Hai', email: 'le hai@x.vn' })).resolves.toEqual([
      expect.objectContaining({ field: 'email' }),
    ]);
    await expect(refuse({ email: 'le.hai@x.vn' })).resolves.toEqual([
      expect.objectContaining({ field: 'fullName', rule: 'isString' }),
    ]);
    await expect(refuse({ fullName: ' \t ', email: 'le.hai@x.vn' })).resolves.toEqual([
      expect.objectContaining({ field: 'fullName', rule: 'required' }),
    ]);
    await expect(
      refuse({ personId: world.people.d0.id, fullName: 'Lê Thị Hai', email: 'le.hai@x.vn' }),
    ).resolves.toEqual([expect.objectContaining({ field: 'personId', rule: 'exclusive' })]);
    await expect(refuse({})).resolves.toEqual([expect.objectContaining({ field: 'personId', rule: 'isUuid' })]);
    const [n] = await t.dataSource.query(`SELECT count(*)::int AS n FROM person WHERE email = 'le.hai@x.vn'`);
    expect(n.n).toBe(0);
  });

  it('keeps another point’s sites out of the view, and a revoked link out of it', async () => {
    await t.http().get(`${path()}/sites`).set(asCoordinator()).expect(200);
    await t.http().delete(`${path()}/coordinator-links/${world.points[0].id}`).set(auth(world.token)).expect(204);
    await t.http().get(`${path()}/sites`).set(asCoordinator()).expect(401);
    const elsewhere = await invitationWorld(t, []);
    await t
      .http()
      .get(`${invitationsPath(elsewhere)}/sites`)
      .set(auth(world.token))
      .expect(404);
  });
});
