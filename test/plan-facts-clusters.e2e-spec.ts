import { DomainEvents } from '../src/events/domain-events';
import type { DomainEvent } from '../src/events/domain-events';
import { recordPublished } from './support/events';
import { createTestApp, TestApp } from './support/app';
import { expectFeed } from './support/calendar-checks';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';
import { deliver, insertPersonAt, received, to } from './support/invitations';

/**
 * Issue 16, item 9: a cluster planned with only a tentative window ("dự kiến cuối tháng 10-2018"),
 * the same model as a conference's window, confirmed later by the cluster's schedule action.
 */
describe('Plan facts: a tentative window per cluster', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    recordPublished(t.app.get(DomainEvents), new Set(['cluster.scheduled']), events);
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const get = (path: string) => t.http().get(path).set(auth(organizer.token));
  const lateOctober = { from: '2018-10-21', to: '2018-10-31', note: 'dự kiến cuối tháng 10-2018' };

  async function roundtable(body: object = {}): Promise<string> {
    const c = await createConference(t, organizer.token, {
      kind: 'roundtable',
      format: 'in_person',
      title: 'Tọa đàm cải cách hành chính',
      ...body,
    });
    await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [
        { offsetMinutes: -30, durationMinutes: 30, title: 'Đón tiếp đại biểu', kind: 'reception' },
        { offsetMinutes: 0, durationMinutes: 180, title: 'Tọa đàm', kind: 'discussion' },
      ],
    }).expect(200);
    return c.id;
  }

  it('creates a cluster with only a window, shows it as tentative, and confirms it later with an exact start', async () => {
    const id = await roundtable();
    events.length = 0;
    const created = await send('post', `/conferences/${id}/clusters`, {
      number: 1,
      window: { ...lateOctober, note: '  dự kiến cuối tháng 10-2018 ' },
      venue: 'UBND huyện Vĩnh Thạnh',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      number: 1,
      status: 'tentative',
      startsAt: null,
      endsAt: null,
      window: lateOctober,
      venue: 'UBND huyện Vĩnh Thạnh',
    });
    expect(events).toEqual([]);
    const path = `/conferences/${id}/clusters/${created.body.id}`;
    expect((await get(path)).body).toEqual(created.body);

    // No time, no agenda: it is placed from the template when the time is confirmed.
    const agenda = (await get(`${path}/agenda`)).body;
    expect(agenda).toMatchObject({ session: null, slots: [], gaps: [] });
    const slot = await send('post', `${path}/agenda/slots`, {
      startsAt: '2018-10-30T14:00:00+07:00',
      durationMinutes: 30,
      title: 'Khai mạc',
      kind: 'opening',
    });
    expect(slot.body).toMatchObject({ status: 409, code: 'CLUSTER_NOT_SCHEDULED' });

    const patched = await send('patch', path, { window: { from: '2018-10-25', to: '2018-10-31', note: null } });
    expect(patched.body).toMatchObject({
      status: 'tentative',
      window: { from: '2018-10-25', to: '2018-10-31', note: null },
    });

    const confirmed = await send('post', `${path}/schedule`, { startsAt: '2018-10-30T14:00:00+07:00' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'scheduled',
      startsAt: '2018-10-30T14:00:00+07:00',
      // Without endsAt: the length of the template from the start (the reception is before it).
      endsAt: '2018-10-30T17:00:00+07:00',
      window: { from: '2018-10-25', to: '2018-10-31' },
    });
    expect(events).toMatchObject([{ type: 'cluster.scheduled', previous: null, clusterId: created.body.id }]);
    const placed = (await get(`${path}/agenda`)).body;
    expect(placed.slots.map((s: { startsAt: string; title: string }) => [s.startsAt, s.title])).toEqual([
      ['2018-10-30T13:30:00+07:00', 'Đón tiếp đại biểu'],
      ['2018-10-30T14:00:00+07:00', 'Tọa đàm'],
    ]);
  });

  it('refuses a cluster with neither a time nor a window, and a bad window, with 422 naming the field', async () => {
    const id = await roundtable();
    const problem = async (body: object) => (await send('post', `/conferences/${id}/clusters`, body)).body;
    expect(await problem({ number: 1 })).toMatchObject({
      status: 422,
      errors: [{ field: 'startsAt', rule: 'required' }],
    });
    expect(await problem({ number: 1, window: { from: '2018-10-31', to: '2018-10-21' } })).toMatchObject({
      status: 422,
      errors: [{ field: 'window.to', rule: 'notBeforeFrom' }],
    });
    expect(await problem({ number: 1, window: { from: '31/10/2018', to: '2018-10-31' } })).toMatchObject({
      status: 422,
      errors: [{ field: 'window.from', rule: 'isLocalDate' }],
    });
    expect(await problem({ number: 1, window: lateOctober, endsAt: '2018-10-30T17:00:00+07:00' })).toMatchObject({
      status: 422,
      errors: [{ field: 'endsAt', rule: 'requiresStart' }],
    });
    expect((await get(`/conferences/${id}/clusters`)).body.items).toEqual([]);
    const tentative = await send('post', `/conferences/${id}/clusters`, { number: 2, window: lateOctober }).expect(201);
    const cleared = await send('patch', `/conferences/${id}/clusters/${tentative.body.id}`, { window: null });
    expect(cleared.body).toMatchObject({ status: 422, errors: [{ field: 'window', rule: 'required' }] });
    expect((await get(`/conferences/${id}/clusters/${tentative.body.id}`)).body.window).toEqual(lateOctober);
  });

  it('warns of a cluster outside the conference’s window, and of a window before the plan (checks in module order)', async () => {
    const id = await roundtable({
      window: { from: '2018-10-01', to: '2018-10-31', note: 'Tháng 10/2018' },
      plan: { reference: '15/KH-SNV', issuedOn: '2018-10' },
    });
    const make = async (body: object) => (await send('post', `/conferences/${id}/clusters`, body).expect(201)).body;
    const inside = await make({ number: 1, window: lateOctober });
    const after = await make({ number: 2, window: { from: '2018-11-05', to: '2018-11-10' } });
    const timed = await make({ number: 3, startsAt: '2018-10-30T14:00:00+07:00' });
    const before = await make({ number: 4, window: { from: '2018-09-20', to: '2018-09-25' } });
    const checks = async () =>
      (await get(`/conferences/${id}/checks`)).body.checks.filter((c: { code: string }) =>
        ['CLUSTER_OUTSIDE_WINDOW', 'DATE_BEFORE_PLAN'].includes(c.code),
      );
    expect(await checks()).toEqual([
      {
        code: 'CLUSTER_OUTSIDE_WINDOW',
        severity: 'warning',
        message: {
          vi: 'Cụm 2 (dự kiến 05/11/2018 – 10/11/2018) nằm ngoài khoảng thời gian dự kiến của hội nghị 01/10/2018 – 31/10/2018.',
          en: "Cluster 2 (tentatively 5/11/2018 – 10/11/2018) is outside the conference's tentative window 01/10/2018 – 31/10/2018.",
        },
        target: { type: 'cluster', id: after.id },
      },
      expect.objectContaining({ code: 'CLUSTER_OUTSIDE_WINDOW', target: { type: 'cluster', id: before.id } }),
      expect.objectContaining({ code: 'DATE_BEFORE_PLAN', target: { type: 'cluster', id: before.id } }),
    ]);
    await send('post', `/conferences/${id}/clusters/${timed.id}/schedule`, {
      startsAt: '2018-11-02T14:00:00+07:00',
    }).expect(200);
    const outside = (await checks()).filter((c: { code: string }) => c.code === 'CLUSTER_OUTSIDE_WINDOW');
    expect(outside.map((c: { target: { id: string } }) => c.target.id)).toEqual([after.id, timed.id, before.id]);
    expect(outside.map((c: { target: { id: string } }) => c.target.id)).not.toContain(inside.id);
  });

  it('sends no invitation for a tentative cluster until it is confirmed; a cancelled roundtable cancels it', async () => {
    const id = await roundtable();
    const cluster = (
      await send('post', `/conferences/${id}/clusters`, {
        number: 1,
        window: lateOctober,
        venue: 'Hội trường UBND',
      }).expect(201)
    ).body;
    await send('post', `/conferences/${id}/schedule`, {
      startsAt: '2026-10-26T14:00:00+07:00',
      endsAt: '2026-10-30T17:00:00+07:00',
    }).expect(200);
    const email = `tentative.${process.pid}@convene.test`;
    const person = await insertPersonAt(t, 'Trương Hồng Dự', email, null, '');
    const path = `/conferences/${id}/invitations`;
    await send('post', path, { personId: person, siteId: cluster.id }).expect(201);
    expect((await send('post', `${path}/send`, { siteId: cluster.id }).expect(202)).body).toMatchObject({
      queued: 0,
    });
    await send('post', `/conferences/${id}/clusters/${cluster.id}/schedule`, {
      startsAt: '2026-10-28T14:00:00+07:00',
    }).expect(200);
    expect((await send('post', `${path}/send`, { siteId: cluster.id }).expect(202)).body).toMatchObject({
      queued: 1,
    });
    const letter = received(to(await deliver(t), email)[0], email, ['14 giờ 00 phút', '28/10/2026']);
    expect(letter.event).toMatchObject({ uid: cluster.calendarUid, start: new Date('2026-10-28T07:00:00Z') });

    const second = await send('post', `/conferences/${id}/clusters`, { number: 2, window: lateOctober }).expect(201);
    await send('post', `/conferences/${id}/cancel`, { reason: 'Lùi sang năm sau' }).expect(200);
    expect((await get(`/conferences/${id}/clusters/${second.body.id}`)).body).toMatchObject({
      status: 'cancelled',
      startsAt: null,
      window: lateOctober,
    });
  });

  it('keeps a tentative cluster out of calendar feeds and warns when a confirmed time leaves its own window', async () => {
    const id = await roundtable();
    const host = await insertUnit(t, { name: 'UBND huyện Phong Điền', kind: 'district_committee' });
    const tentative = (
      await send('post', `/conferences/${id}/clusters`, { number: 1, window: lateOctober, hostUnitId: host }).expect(
        201,
      )
    ).body;
    await send('post', `/conferences/${id}/clusters`, {
      number: 2,
      startsAt: '2026-11-03T14:00:00+07:00',
      hostUnitId: host,
    }).expect(201);
    await send('post', `/conferences/${id}/schedule`, {
      startsAt: '2026-10-26T14:00:00+07:00',
      endsAt: '2026-11-30T17:00:00+07:00',
    }).expect(200);
    const issued = await send('post', `/feeds/units/${host}`).expect(201);
    const feed = await t.http().get(new URL(issued.body.url).pathname).buffer(true);
    expect(feed.status).toBe(200);
    const { events } = expectFeed(feed.text, {});
    expect(events.map((e) => [e.summary, e.start?.toISOString()])).toEqual([
      [expect.stringContaining('Cụm 2'), '2026-11-03T07:00:00.000Z'],
    ]);

    // Confirmed outside its own window, as a conference can be: the same warning, on the cluster.
    await send('post', `/conferences/${id}/clusters/${tentative.id}/schedule`, {
      startsAt: '2026-11-02T14:00:00+07:00',
    }).expect(200);
    const checks = (await get(`/conferences/${id}/checks`)).body.checks;
    expect(checks).toContainEqual(
      expect.objectContaining({ code: 'SCHEDULE_OUTSIDE_WINDOW', target: { type: 'cluster', id: tentative.id } }),
    );
    const refreshed = await t.http().get(new URL(issued.body.url).pathname).buffer(true);
    expect(expectFeed(refreshed.text, {}).events).toHaveLength(2);
  });
});
