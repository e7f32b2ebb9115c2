import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createScheduledConference } from './support/conference-fixtures';
import { invitationsPath, invitationWorld, InvitationWorld, invite, sendAll } from './support/invitations';

/**
 * POST /conferences/:id/copy (issue 15): last year's roundtable, with its points, cluster,
 * composition, template, presentations and letter, becomes this year's draft. Everything is read
 * back through the GET endpoints; what belongs to the source's running (invitations, messages,
 * readiness) is not in the copy, and the source is unchanged.
 */
/** The fields of a response that a copy keeps (ids and stamps are its own). */
const without = (value: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

describe('conference copy', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let nestedId: string;
  let clusterId: string;
  const http = () => t.http();
  const get = (path: string, token = world.token) => http().get(path).set(auth(token));
  const post = (path: string, body: object, token = world.token) => http().post(path).set(auth(token)).send(body);
  const created = async (path: string, body: object, method: 'post' | 'put' = 'post') => {
    const res = await http()[method](path).set(auth(world.token)).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const base = () => `/conferences/${world.conference.id}`;

  /** What each GET answers, without the ids and times that a copy renews. */
  async function snapshot(conferenceId: string) {
    const c = `/conferences/${conferenceId}`;
    const [points, clusters, rules, template, presentations, letter] = await Promise.all(
      [
        `${c}/bridge-points?limit=500`,
        `${c}/clusters`,
        `${c}/composition/rules`,
        `${c}/agenda-template`,
        `${c}/presentations`,
        `${c}/invitation-letter`,
      ].map(async (path) => (await get(path).expect(200)).body),
    );
    return {
      points: points.items,
      clusters: clusters.items,
      rules: rules.items,
      template: template.items,
      presentations,
      letter,
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [{ key: 'tuyet', name: 'Nguyễn Thị Ánh Tuyết', at: 0 }], {
      points: 2,
      title: 'Tọa đàm chuyển đổi số năm 2025',
    });
    await http()
      .patch(base())
      .set(auth(world.token))
      .send({ kind: 'roundtable', purposes: ['Đánh giá kết quả năm 2025'], chair: { text: 'Chủ tịch UBND tỉnh' } })
      .expect(200);
    await http()
      .patch(`${base()}/bridge-points/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ room: 'Phòng họp tầng 3', capacity: 40, meetingLink: 'https://meet.convene.test/cds-2025' })
      .expect(200);
    await http()
      .put(`${base()}/bridge-points/${world.points[0].id}/readiness`)
      .set(auth(world.token))
      .send({ status: 'passed' })
      .expect(200);
    nestedId = (
      await created(`${base()}/bridge-points`, {
        role: 'remote',
        parentId: world.points[0].id,
        name: 'Điểm cầu xã Tam Thăng',
        room: 'Hội trường UBND xã',
      })
    ).id;
    await created(`${base()}/composition/rules`, {
      site: { kind: 'bridge_point', id: nestedId },
      label: 'Lãnh đạo UBND xã',
      units: { ids: [world.districtUnitIds[0]] },
      roles: ['head'],
    });
    await created(`${base()}/composition/rules`, {
      site: { kind: 'conference' },
      label: 'Chủ tịch UBND các huyện',
      units: { ids: world.districtUnitIds },
      roles: ['head'],
    });
    const paper = await created(`${base()}/presentations`, {
      unitId: world.districtUnitIds[0],
      topic: 'Kết quả chuyển đổi số cấp huyện',
      minPages: 4,
      maxPages: 6,
      talkMinutes: 7,
      due: 'trước 03 ngày diễn ra Hội nghị',
    });
    await created(`${base()}/presentations`, {
      unitId: world.districtUnitIds[1],
      topic: 'Kinh nghiệm xây dựng chính quyền số',
      due: 'chậm nhất ngày 24/03/2026',
    });
    await created(
      `${base()}/agenda-template`,
      {
        slots: [
          { offsetMinutes: 0, durationMinutes: 30, title: 'Đón tiếp đại biểu', kind: 'reception' },
          {
            offsetMinutes: 30,
            durationMinutes: 90,
            title: 'Tham luận',
            kind: 'presentation',
            presentationId: paper.id,
          },
        ],
      },
      'put',
    );
    clusterId = (
      await created(`${base()}/clusters`, {
        number: 1,
        name: 'Cụm 1',
        startsAt: '2026-04-09T13:30:00+07:00',
        endsAt: '2026-04-09T17:00:00+07:00',
        hostUnitId: world.districtUnitIds[0],
        unitIds: world.districtUnitIds,
      })
    ).id;
    await created(`${base()}/composition/rules`, {
      site: { kind: 'cluster', id: clusterId },
      label: 'Đại diện các huyện trong cụm',
      delegate: { to: 'site_units' },
      roles: ['head'],
    });
    await created(
      `${base()}/invitation-letter`,
      { reference: '45/GM-UBND', contactName: 'Ông Nguyễn Hoàng Nhân', contactPhone: '0932.868.447' },
      'put',
    );
    await invite(t, world, 'tuyet', world.points[0].id);
    await sendAll(t, world);
  });
  afterAll(() => t.close());

  it('copies the conference into a draft owned by the caller, every part remapped and the source unchanged', async () => {
    const before = await snapshot(world.conference.id);
    const source = (await get(base()).expect(200)).body;
    const res = await post(`${base()}/copy`, {
      title: 'Tọa đàm chuyển đổi số năm 2026',
      window: { from: '2027-04-05', to: '2027-04-09', note: 'Dự kiến tuần đầu tháng 4' },
      plan: { reference: '12/KH-UBND', issuedOn: '2027-02' },
    });
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy).toMatchObject({
      title: 'Tọa đàm chuyển đổi số năm 2026',
      kind: source.kind,
      format: source.format,
      status: 'draft',
      purposes: ['Đánh giá kết quả năm 2025'],
      chair: source.chair,
      organizingUnitId: source.organizingUnitId,
      timeZone: source.timeZone,
      window: { from: '2027-04-05', to: '2027-04-09', note: 'Dự kiến tuần đầu tháng 4' },
      plan: { reference: '12/KH-UBND', issuedOn: '2027-02', issuingUnitId: source.plan.issuingUnitId },
      startsAt: null,
      endsAt: null,
      calendarSequence: 0,
      version: 1,
    });
    expect(copy.id).not.toBe(source.id);
    expect(copy.calendarUid).not.toBe(source.calendarUid);
    expect((await get(`/conferences/${copy.id}`).expect(200)).body).toEqual(copy);

    const after = await snapshot(copy.id);
    // Points: the same tree under new ids; readiness starts again.
    const pointIds = new Map<string, string>();
    const byName = (items: any[]) => new Map(items.map((p) => [p.name, p]));
    const copiedPoints = byName(after.points);
    expect(after.points).toHaveLength(before.points.length);
    for (const p of before.points) {
      const q = copiedPoints.get(p.name)!;
      expect(q.id).not.toBe(p.id);
      pointIds.set(p.id, q.id);
      expect(q).toMatchObject({ role: p.role, depth: p.depth, unitId: p.unitId, room: p.room, capacity: p.capacity });
      expect(q.meetingLink).toBe(p.meetingLink);
    }
    for (const p of before.points)
      expect(copiedPoints.get(p.name)!.parentId).toBe(p.parentId && pointIds.get(p.parentId));
    expect(copiedPoints.get('Điểm cầu xã Tam Thăng')!.parentId).toBe(pointIds.get(world.points[0].id));
    expect(before.points.map((p: any) => p.readiness.status)).toContain('passed');
    expect(after.points.map((p: any) => p.readiness.status)).toEqual(after.points.map(() => 'untested'));

    // The cluster: tentative in the copy's window, with its units.
    expect(after.clusters).toHaveLength(1);
    const [cluster] = after.clusters;
    expect(cluster.id).not.toBe(clusterId);
    expect(cluster).toMatchObject({
      number: 1,
      name: 'Cụm 1',
      status: 'tentative',
      startsAt: null,
      hostUnitId: world.districtUnitIds[0],
      unitIds: before.clusters[0].unitIds,
      window: { from: '2027-04-05', to: '2027-04-09' },
    });

    // Rules: the same sites, remapped.
    const site = (r: any) =>
      r.site.kind === 'bridge_point'
        ? { kind: 'bridge_point', id: pointIds.get(r.site.id) }
        : r.site.kind === 'cluster'
          ? { kind: 'cluster', id: cluster.id }
          : r.site;
    const ruleShape = (r: any) => ({ label: r.label, units: r.units, roles: r.roles, delegate: r.delegate });
    expect(after.rules.map((r: any) => ({ site: r.site, ...ruleShape(r) }))).toEqual(
      expect.arrayContaining(before.rules.map((r: any) => ({ site: site(r), ...ruleShape(r) }))),
    );
    expect(after.rules).toHaveLength(3);

    // Presentations: units, topics, limits; the relative due unresolved, the dated one as written.
    const byTopic = new Map<string, any>(after.presentations.items.map((p: any) => [p.topic, p]));
    expect(after.presentations.items).toHaveLength(2);
    const relative = byTopic.get('Kết quả chuyển đổi số cấp huyện')!;
    const dated = byTopic.get('Kinh nghiệm xây dựng chính quyền số')!;
    const sourceRelative = before.presentations.items.find((p: any) => p.topic === relative.topic);
    const renewed = (p: any) => without(p, ['id', 'conferenceId', 'due', 'createdAt', 'updatedAt']);
    expect(renewed(relative)).toEqual(renewed(sourceRelative));
    expect(relative).toMatchObject({
      unit: { id: world.districtUnitIds[0] },
      pages: { min: 4, max: 6 },
      talkMinutes: 7,
    });
    expect(relative.conferenceId).toBe(copy.id);
    expect(relative.id).not.toBe(sourceRelative.id);
    expect(relative.due.kind).toBe('relative_to_event');
    expect(relative.due.resolvesAt ?? null).toBeNull();
    const sourceDated = before.presentations.items.find((p: any) => p.topic === dated.topic);
    expect(renewed(dated)).toEqual(renewed(sourceDated));
    expect(dated.due).toMatchObject({ kind: sourceDated.due.kind, text: 'chậm nhất ngày 24/03/2026' });
    expect(dated.due.resolvesAt).toBe(sourceDated.due.resolvesAt);
    expect(dated.due.id).not.toBe(sourceDated.due.id);

    // The template, with its presentation remapped.
    const slot = (s: any) => without(s, ['id', 'presentationId']);
    expect(after.template.map(slot)).toEqual(before.template.map(slot));
    expect(after.template.map((s: any) => s.title)).toEqual(['Đón tiếp đại biểu', 'Tham luận']);
    expect(after.template[1].presentationId).toBe(relative.id);

    // The letter.
    expect(after.letter).toMatchObject({
      reference: '45/GM-UBND',
      contactName: 'Ông Nguyễn Hoàng Nhân',
      contactPhone: '0932.868.447',
    });

    // Nothing of the source's running.
    expect((await get(`/conferences/${copy.id}/invitations`).expect(200)).body.items).toEqual([]);
    const [{ count: outbox }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_message WHERE conference_id = $1`,
      [copy.id],
    );
    expect(outbox).toBe(0);
    expect((await get(invitationsPath(world)).expect(200)).body.items).toHaveLength(1);

    // The source is unchanged.
    expect(await snapshot(world.conference.id)).toEqual(before);
    expect((await get(base()).expect(200)).body).toEqual(source);

    // One audit entry on the copy, naming the source.
    const audit = await get(`/conferences/${copy.id}/audit`).expect(200);
    const entries = audit.body.items.filter((e: any) => e.action === 'conference.copy');
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toMatchObject({
      sourceId: world.conference.id,
      presentations: 2,
      relativeDues: 1,
      datedDues: 1,
    });
  });

  it('makes a source without a template give its own agenda, as minutes from its start, as the copy’s template', async () => {
    const meeting = await createScheduledConference(t, world.token, { points: 0 });
    const slots = `/conferences/${meeting.conference.id}/agenda/slots`;
    await created(slots, {
      startsAt: '2026-04-08T07:00:00+07:00',
      durationMinutes: 30,
      title: 'Đón tiếp',
      kind: 'reception',
    });
    await created(slots, {
      startsAt: '2026-04-08T07:30:00+07:00',
      durationMinutes: 10,
      title: 'Khai mạc',
      kind: 'opening',
    });
    await created(slots, {
      startsAt: '2026-04-08T07:40:00+07:00',
      endsAt: '2026-04-08T09:00:00+07:00',
      title: 'Báo cáo kết quả',
      kind: 'speech',
      performer: { text: 'Sở Nội vụ' },
    });
    const copy = await post(`/conferences/${meeting.conference.id}/copy`, {
      window: { from: '2027-04-05', to: '2027-04-09' },
    }).expect(201);
    expect(copy.body.title).toBe(meeting.conference.title);
    const template = (await get(`/conferences/${copy.body.id}/agenda-template`).expect(200)).body.items;
    expect(
      template.map((s: any) => [s.position, s.offsetMinutes, s.durationMinutes, s.title, s.kind, s.performerLabel]),
    ).toEqual([
      [1, -30, 30, 'Đón tiếp', 'reception', null],
      [2, 0, 10, 'Khai mạc', 'opening', null],
      [3, 10, 80, 'Báo cáo kết quả', 'speech', 'Sở Nội vụ'],
    ]);
    expect((await get(`/conferences/${copy.body.id}/agenda`).expect(200)).body.slots).toEqual([]);
  });

  it('refuses a bad body with 422 naming the field, writing nothing', async () => {
    const count = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM conference`))[0].n as number;
    const n = await count();
    const bad = [
      [{}, 'window'],
      [{ window: { from: '2027-04-09', to: '2027-04-05' } }, 'window.to'],
      [{ window: { from: '05/04/2027', to: '2027-04-09' } }, 'window.from'],
      [{ title: '', window: { from: '2027-04-05', to: '2027-04-09' } }, 'title'],
      [{ window: { from: '2027-04-05', to: '2027-04-09' }, plan: { issuedOn: 'năm sau' } }, 'plan.issuedOn'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await post(`${base()}/copy`, body);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect(await count()).toBe(n);
  });

  it('answers 404 for an unknown or invisible source, and refuses an observer', async () => {
    const window = { from: '2027-04-05', to: '2027-04-09' };
    await post('/conferences/00000000-0000-4000-8000-000000000000/copy', { window }).expect(404);
    const stranger = await apiUser(t, 'organizer');
    await post(`${base()}/copy`, { window }, stranger.token).expect(404);
    const observer = await apiUser(t, 'observer');
    await post(`${base()}/members`, { userId: observer.userId, role: 'observer' }).expect(201);
    const refused = await post(`${base()}/copy`, { window }, observer.token);
    expect(refused.status).toBe(403);
  });
});
