import { DomainEvents } from '../src/events/domain-events';
import { recordPublished } from './support/events';
import type { DomainEvent } from '../src/events/domain-events';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertPerson, insertUnit, insertUnits } from './support/conference-fixtures';

describe('Bridge points', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    const bus = t.app.get(DomainEvents);
    const recorded = new Set<string>();
    recordPublished(bus, recorded, events);
    for (const type of ['bridge_point.updated', 'bridge_point.removed']) recorded.add(type);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    events.length = 0;
  });

  const points = (id: string) => `/conferences/${id}/bridge-points`;
  const post = (path: string, body: object) => t.http().post(path).set(auth(organizer.token)).send(body);

  it('creates the host point and nested remote points, remote ones under the host by default', async () => {
    const c = await createConference(t, organizer.token);
    const office = await insertUnit(t, { name: 'Văn phòng UBND tỉnh', kind: 'committee_office' });
    const coordinator = await insertPerson(t, 'Nguyễn Văn Điều Phối');
    const host = await post(points(c.id), {
      role: 'host',
      name: 'Điểm cầu tỉnh',
      unitId: office,
      room: 'Hội trường số 2 (Tầng 02)',
      address: 'Văn phòng UBND tỉnh',
      capacity: 300,
      meetingLink: 'https://meet.example.gov.vn/cchc',
      meetingRoomId: 'CCHC-2023',
      coordinatorPersonId: coordinator,
    });
    expect(host.status).toBe(201);
    expect(host.body).toMatchObject({
      conferenceId: c.id,
      role: 'host',
      parentId: null,
      depth: 0,
      name: 'Điểm cầu tỉnh',
      unitId: office,
      room: 'Hội trường số 2 (Tầng 02)',
      address: 'Văn phòng UBND tỉnh',
      capacity: 300,
      meetingLink: 'https://meet.example.gov.vn/cchc',
      meetingRoomId: 'CCHC-2023',
      coordinatorPersonId: coordinator,
      readiness: { status: 'untested', testAt: null, note: null },
    });
    const district = await post(points(c.id), { name: 'Điểm cầu huyện Núi Thành' });
    expect(district.body).toMatchObject({ role: 'remote', parentId: host.body.id, depth: 1 });
    const commune = await post(points(c.id), { name: 'Điểm cầu xã Tam Nghĩa', parentId: district.body.id });
    expect(commune.body).toMatchObject({ parentId: district.body.id, depth: 2 });
    const list = await t
      .http()
      .get(`${points(c.id)}?parentId=${district.body.id}`)
      .set(auth(organizer.token));
    expect(list.body).toMatchObject({ total: 1, items: [{ id: commune.body.id }] });
    const got = await t
      .http()
      .get(`${points(c.id)}/${commune.body.id}`)
      .set(auth(organizer.token));
    expect(got.body).toEqual(commune.body);
  });

  it('refuses a second host, a parent of another conference, and bad fields', async () => {
    const c = await createConference(t, organizer.token);
    const other = await createConference(t, organizer.token);
    await post(points(c.id), { role: 'host', name: 'Host' }).expect(201);
    const second = await post(points(c.id), { role: 'host', name: 'Host 2' });
    expect(second.body).toMatchObject({ status: 409, code: 'HOST_POINT_EXISTS' });
    const foreign = await post(points(other.id), { role: 'host', name: 'Other host' });
    const wrongParent = await post(points(c.id), { name: 'x', parentId: foreign.body.id });
    expect(wrongParent.body).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'parentId' }],
    });
    const bad = await post(points(c.id), { name: '', capacity: 0, meetingLink: 5, coordinatorPersonId: 'me' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'capacity',
      'coordinatorPersonId',
      'meetingLink',
      'name',
    ]);
    const ghost = await post(points(c.id), { name: 'x', coordinatorPersonId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.body).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'coordinatorPersonId' }],
    });
    const unit = await insertUnit(t, { name: 'UBND huyện Duy Xuyên', kind: 'district_committee' });
    await post(points(c.id), { name: 'a', unitId: unit }).expect(201);
    const twice = await post(points(c.id), { name: 'b', unitId: unit });
    expect(twice.body).toMatchObject({ status: 409, code: 'DUPLICATE', errors: [{ field: 'unitId' }] });
  });

  it('announces the changed fields of an edit, and a removal; refuses to remove a point with points below', async () => {
    const c = await createConference(t, organizer.token);
    const host = await post(points(c.id), { role: 'host', name: 'Host', room: 'Phòng 1' });
    const remote = await post(points(c.id), { name: 'Remote' });
    const edited = await t
      .http()
      .patch(`${points(c.id)}/${host.body.id}`)
      .set(auth(organizer.token))
      .send({ room: 'Hội trường số 2', meetingLink: 'https://meet.example.gov.vn/x' });
    expect(edited.body).toMatchObject({ room: 'Hội trường số 2', meetingLink: 'https://meet.example.gov.vn/x' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'bridge_point.updated',
        conferenceId: c.id,
        bridgePointId: host.body.id,
        changes: [
          { field: 'room', before: 'Phòng 1', after: 'Hội trường số 2' },
          { field: 'meetingLink', before: null, after: 'https://meet.example.gov.vn/x' },
        ],
      }),
    ]);
    const blocked = await t
      .http()
      .delete(`${points(c.id)}/${host.body.id}`)
      .set(auth(organizer.token));
    expect(blocked.body).toMatchObject({ status: 409, code: 'BRIDGE_POINT_HAS_CHILDREN' });
    await t
      .http()
      .delete(`${points(c.id)}/${remote.body.id}`)
      .set(auth(organizer.token))
      .expect(204);
    expect(events.at(-1)).toMatchObject({
      type: 'bridge_point.removed',
      bridgePointId: remote.body.id,
      name: 'Remote',
      parentId: host.body.id,
    });
    await t
      .http()
      .get(`${points(c.id)}/${remote.body.id}`)
      .set(auth(organizer.token))
      .expect(404);
  });

  it('records the connection test: scheduled at a time, passed, failed with a note', async () => {
    const c = await createConference(t, organizer.token);
    const p = await post(points(c.id), { role: 'host', name: 'Host' });
    const url = `${points(c.id)}/${p.body.id}/readiness`;
    const noTime = await t.http().put(url).set(auth(organizer.token)).send({ status: 'test_scheduled' });
    expect(noTime.body).toMatchObject({ status: 422, errors: [{ field: 'testAt', rule: 'required' }] });
    const scheduled = await t
      .http()
      .put(url)
      .set(auth(organizer.token))
      .send({ status: 'test_scheduled', testAt: '2023-03-07T02:00:00Z' });
    expect(scheduled.body.readiness).toEqual({
      status: 'test_scheduled',
      testAt: '2023-03-07T09:00:00+07:00',
      note: null,
    });
    const noNote = await t.http().put(url).set(auth(organizer.token)).send({ status: 'failed' });
    expect(noNote.body).toMatchObject({ status: 422, errors: [{ field: 'note', rule: 'required' }] });
    const failed = await t
      .http()
      .put(url)
      .set(auth(organizer.token))
      .send({ status: 'failed', note: 'Mất tiếng ở điểm cầu' });
    expect(failed.body.readiness).toMatchObject({ status: 'failed', note: 'Mất tiếng ở điểm cầu' });
    const passed = await t.http().put(url).set(auth(organizer.token)).send({ status: 'passed' });
    expect(passed.body.readiness).toEqual({ status: 'passed', testAt: expect.any(String), note: null });
    expect(new Date(passed.body.readiness.testAt).getTime()).toBe(t.clock.now().getTime());
    expect(
      events.map((e) => (e as DomainEvent & { changes: { field: string }[] }).changes.map((x) => x.field)[0]),
    ).toEqual(['readiness', 'readiness', 'readiness']);
  });

  describe('in bulk from the directory', () => {
    it('makes one point per district of the province, under the host, and adds only what is missing when run again', async () => {
      const province = await insertUnit(t, { name: 'UBND tỉnh Quảng Nam', kind: 'provincial_committee' });
      await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department', parentId: province });
      const districts = await insertUnits(t, province, 'district_committee', 'UBND huyện', 18);
      await insertUnit(t, { name: 'UBND huyện cũ', kind: 'district_committee', parentId: province, active: false });
      const c = await createConference(t, organizer.token);
      const host = await post(points(c.id), { role: 'host', name: 'Điểm cầu tỉnh' });
      const body = {
        rootUnitId: province,
        levels: [
          { unitKind: 'district_committee', name: 'Điểm cầu {unit}', room: 'Phòng họp trực tuyến', capacity: 40 },
        ],
      };
      const first = await post(`${points(c.id)}/bulk`, body);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        created: 18,
        existing: 0,
        levels: [{ level: 1, unitKind: 'district_committee', created: 18, existing: 0 }],
      });
      const list = await t
        .http()
        .get(`${points(c.id)}?depth=1&limit=100`)
        .set(auth(organizer.token));
      expect(list.body.total).toBe(18);
      expect(list.body.items[0]).toMatchObject({
        name: 'Điểm cầu UBND huyện 1',
        room: 'Phòng họp trực tuyến',
        capacity: 40,
        parentId: host.body.id,
        role: 'remote',
      });
      expect(new Set(list.body.items.map((p: { unitId: string }) => p.unitId))).toEqual(new Set(districts));
      await insertUnit(t, { name: 'UBND thị xã mới', kind: 'district_committee', parentId: province });
      const again = await post(`${points(c.id)}/bulk`, body);
      expect(again.body).toMatchObject({ created: 1, existing: 18 });
    });

    it('nests: one per province, and under each one per commune at any depth', async () => {
      const country = await insertUnit(t, { name: 'Chính phủ', kind: 'central_agency' });
      const provinces = await insertUnits(t, country, 'provincial_committee', 'UBND tỉnh', 3);
      const district = await insertUnit(t, {
        name: 'UBND huyện A',
        kind: 'district_committee',
        parentId: provinces[0],
      });
      await insertUnits(t, district, 'commune_committee', 'UBND xã A', 4);
      await insertUnits(t, provinces[1], 'commune_committee', 'UBND xã B', 2);
      const c = await createConference(t, organizer.token);
      await post(points(c.id), { role: 'host', name: 'Điểm cầu Trung ương' });
      const res = await post(`${points(c.id)}/bulk`, {
        rootUnitId: country,
        levels: [{ unitKind: 'provincial_committee' }, { unitKind: 'commune_committee', name: 'Điểm cầu {unit}' }],
      });
      expect(res.body).toEqual({
        created: 9,
        existing: 0,
        levels: [
          { level: 1, unitKind: 'provincial_committee', created: 3, existing: 0 },
          { level: 2, unitKind: 'commune_committee', created: 6, existing: 0 },
        ],
      });
      const summary = await t
        .http()
        .get(`${points(c.id)}/summary`)
        .set(auth(organizer.token));
      expect(summary.body.total).toBe(10);
      expect(summary.body.byLevel.map((l: { depth: number; count: number }) => [l.depth, l.count])).toEqual([
        [0, 1],
        [1, 3],
        [2, 6],
      ]);
      expect(summary.body.byLevel[2]).toMatchObject({
        withoutCoordinator: 6,
        withoutLink: 6,
        readiness: { untested: 6, test_scheduled: 0, passed: 0, failed: 0 },
      });
      const byParent = Object.fromEntries(
        summary.body.byParent.map((p: { parentName: string | null; count: number }) => [p.parentName, p.count]),
      );
      expect(byParent).toEqual({ null: 1, 'Điểm cầu Trung ương': 3, 'UBND tỉnh 1': 4, 'UBND tỉnh 2': 2 });
    });

    it('takes a national conference of 31,008 points in one HTTP call, in seconds, and counts them per level and parent', async () => {
      // 34 provinces × 911 communes, generated with SQL as the bench does (test/bench/bridge-points.bench.ts).
      const [root] = await t.dataSource.query(
        `INSERT INTO unit (name, kind, search_key) VALUES ('Chính phủ (quy mô)', 'central_agency', 'chinh phu') RETURNING id`,
      );
      await t.dataSource.query(
        `INSERT INTO unit (name, kind, parent_id, search_key) SELECT 'UBND tỉnh ' || p, 'provincial_committee', $1, 'ubnd tinh ' || p FROM generate_series(1, 34) p`,
        [root.id],
      );
      await t.dataSource.query(
        `INSERT INTO unit (name, kind, parent_id, search_key) SELECT 'UBND xã ' || n || ' (' || pr.name || ')', 'commune_committee', pr.id, 'ubnd xa ' || n
           FROM unit pr CROSS JOIN generate_series(1, 911) n WHERE pr.parent_id = $1`,
        [root.id],
      );
      const c = await createConference(t, organizer.token);
      await post(points(c.id), { role: 'host', name: 'Điểm cầu Trung ương' }).expect(201);
      const started = Date.now();
      const res = await post(`${points(c.id)}/bulk`, {
        rootUnitId: root.id,
        levels: [{ unitKind: 'provincial_committee' }, { unitKind: 'commune_committee', name: 'Điểm cầu {unit}' }],
      });
      const elapsedMs = Date.now() - started;
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        created: 31_008,
        existing: 0,
        levels: [
          { level: 1, unitKind: 'provincial_committee', created: 34, existing: 0 },
          { level: 2, unitKind: 'commune_committee', created: 30_974, existing: 0 },
        ],
      });
      // 1.6 s on a quiet 2-core machine, about 6 s under the load of other suites; row-by-row inserts would take minutes.
      expect(elapsedMs).toBeLessThan(30_000);
      process.stdout.write(`bulk 31,008 bridge points over HTTP: ${elapsedMs} ms\n`);
      const summary = (
        await t
          .http()
          .get(`${points(c.id)}/summary`)
          .set(auth(organizer.token))
      ).body;
      expect(summary.total).toBe(31_009);
      expect(summary.byLevel.map((l: { depth: number; count: number }) => [l.depth, l.count])).toEqual([
        [0, 1],
        [1, 34],
        [2, 30_974],
      ]);
      expect(summary.byParent).toHaveLength(36);
      expect(summary.byParent.filter((p: { count: number }) => p.count === 911)).toHaveLength(34);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM bridge_point WHERE conference_id = $1 AND depth = 2 AND name LIKE 'Điểm cầu UBND xã %'`,
        [c.id],
      );
      expect(n).toBe(30_974);
    }, 120_000);

    it('refuses an unknown root unit or parent, an empty level list and an unknown unit kind', async () => {
      const c = await createConference(t, organizer.token);
      const ghost = '00000000-0000-4000-8000-000000000000';
      expect(
        (await post(`${points(c.id)}/bulk`, { rootUnitId: ghost, levels: [{ unitKind: 'district_committee' }] })).body,
      ).toMatchObject({ status: 422, errors: [{ field: 'rootUnitId' }] });
      expect(
        (await post(`${points(c.id)}/bulk`, { parentId: ghost, levels: [{ unitKind: 'district_committee' }] })).body,
      ).toMatchObject({ status: 422, errors: [{ field: 'parentId' }] });
      expect((await post(`${points(c.id)}/bulk`, { levels: [] })).body).toMatchObject({
        status: 422,
        errors: [{ field: 'levels', rule: 'arrayMinSize' }],
      });
      expect((await post(`${points(c.id)}/bulk`, { levels: [{ unitKind: 'village' }] })).body).toMatchObject({
        status: 422,
        errors: [{ field: 'levels[0].unitKind', rule: 'isIn' }],
      });
    });
  });

  it('keeps points of a conference from strangers and writes from observers', async () => {
    const c = await createConference(t, organizer.token);
    const p = await post(points(c.id), { role: 'host', name: 'Host' });
    const stranger = await apiUser(t, 'organizer');
    await t
      .http()
      .get(`${points(c.id)}/${p.body.id}`)
      .set(auth(stranger.token))
      .expect(404);
    await t
      .http()
      .get(`${points(c.id)}/summary`)
      .set(auth(stranger.token))
      .expect(404);
    await t
      .http()
      .post(`${points(c.id)}/bulk`)
      .set(auth(stranger.token))
      .send({ levels: [{ unitKind: 'district_committee' }] })
      .expect(404);
    const watcher = await apiUser(t, 'organizer');
    await post(`/conferences/${c.id}/members`, { userId: watcher.userId, role: 'observer' }).expect(201);
    await t.http().get(points(c.id)).set(auth(watcher.token)).expect(200);
    await t
      .http()
      .patch(`${points(c.id)}/${p.body.id}`)
      .set(auth(watcher.token))
      .send({ room: 'x' })
      .expect(403);
  });
});
