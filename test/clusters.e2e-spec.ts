import { DomainEvents } from '../src/events/domain-events';
import { recordPublished } from './support/events';
import type { DomainEvent } from '../src/events/domain-events';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';

describe('Roundtable clusters', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: string[];
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    units = [];
    for (const name of ['UBND huyện Vĩnh Thạnh', 'UBND quận Thốt Nốt', 'UBND huyện Cờ Đỏ'])
      units.push(await insertUnit(t, { name, kind: 'district_committee' }));
    const bus = t.app.get(DomainEvents);
    const recorded = new Set<string>();
    recordPublished(bus, recorded, events);
    for (const type of ['cluster.scheduled', 'cluster.updated', 'cluster.cancelled']) recorded.add(type);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    events.length = 0;
  });

  const send = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const template = {
    slots: [
      {
        offsetMinutes: 0,
        durationMinutes: 30,
        title: 'Đón tiếp đại biểu',
        kind: 'reception',
        performer: { text: 'Ban Tổ chức' },
      },
      { offsetMinutes: 30, durationMinutes: 180, title: 'Tọa đàm', kind: 'discussion' },
    ],
  };

  async function roundtable(withTemplate = true): Promise<string> {
    const c = await createConference(t, organizer.token, { kind: 'roundtable', format: 'in_person' });
    if (withTemplate) await send('put', `/conferences/${c.id}/agenda-template`, template).expect(200);
    return c.id;
  }

  it('creates a cluster with its own time, host, units and attendance, and its agenda from the template', async () => {
    const id = await roundtable();
    const res = await send('post', `/conferences/${id}/clusters`, {
      number: 1,
      name: 'Cụm 1',
      startsAt: '2023-04-05T13:30:00+07:00',
      hostUnitId: units[0],
      venue: 'Ủy ban nhân dân huyện Vĩnh Thạnh',
      unitIds: units,
      minAttendees: 40,
      maxAttendees: 60,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      conferenceId: id,
      number: 1,
      name: 'Cụm 1',
      startsAt: '2023-04-05T13:30:00+07:00',
      endsAt: '2023-04-05T17:00:00+07:00',
      hostUnitId: units[0],
      venue: 'Ủy ban nhân dân huyện Vĩnh Thạnh',
      unitIds: units,
      attendance: { min: 40, max: 60 },
      status: 'scheduled',
      calendarSequence: 0,
    });
    expect(res.body.calendarUid).toMatch(/@convene$/);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'cluster.scheduled',
        clusterId: res.body.id,
        clusterNumber: 1,
        previous: null,
        calendarUid: res.body.calendarUid,
      }),
    ]);
    const agenda = await t.http().get(`/conferences/${id}/clusters/${res.body.id}/agenda`).set(auth(organizer.token));
    expect(agenda.body).toMatchObject({
      clusterId: res.body.id,
      session: { startsAt: '2023-04-05T13:30:00+07:00', endsAt: '2023-04-05T17:00:00+07:00' },
      gaps: [],
    });
    expect(
      agenda.body.slots.map((s: { title: string; startsAt: string }) => `${s.startsAt.slice(11, 16)} ${s.title}`),
    ).toEqual(['13:30 Đón tiếp đại biểu', '14:00 Tọa đàm']);
    const list = await t.http().get(`/conferences/${id}/clusters`).set(auth(organizer.token));
    expect(list.body.items).toEqual([res.body]);
  });

  it('belongs to roundtables only, and refuses bad clusters', async () => {
    const meeting = await createConference(t, organizer.token);
    expect(
      (
        await send('post', `/conferences/${meeting.id}/clusters`, {
          number: 1,
          startsAt: '2023-04-05T13:30:00+07:00',
          endsAt: '2023-04-05T17:00:00+07:00',
        })
      ).body,
    ).toMatchObject({ status: 409, code: 'CONFERENCE_NOT_ROUNDTABLE' });
    const bare = await roundtable(false);
    expect(
      (await send('post', `/conferences/${bare}/clusters`, { number: 1, startsAt: '2023-04-05T13:30:00+07:00' })).body,
    ).toMatchObject({ status: 422, errors: [{ field: 'endsAt', rule: 'required' }] });
    const id = await roundtable();
    const body = { number: 1, startsAt: '2023-04-05T13:30:00+07:00' };
    expect(
      (await send('post', `/conferences/${id}/clusters`, { ...body, minAttendees: 60, maxAttendees: 40 })).body,
    ).toMatchObject({ status: 422, errors: [{ field: 'maxAttendees' }] });
    expect(
      (
        await send('post', `/conferences/${id}/clusters`, {
          ...body,
          unitIds: ['00000000-0000-4000-8000-000000000000'],
        })
      ).body,
    ).toMatchObject({ status: 422, errors: [{ field: 'unitIds' }] });
    expect(
      (await send('post', `/conferences/${id}/clusters`, { ...body, endsAt: '2023-04-05T15:00:00+07:00' })).body,
    ).toMatchObject({ status: 422, code: 'AGENDA_SLOT_OUTSIDE_SESSION', errors: [{ field: 'endsAt' }] });
    expect(
      (await send('post', `/conferences/${id}/clusters`, { ...body, number: 0, startsAt: '05/04/2023' })).body.errors
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['number', 'startsAt']);
    await send('post', `/conferences/${id}/clusters`, body).expect(201);
    expect((await send('post', `/conferences/${id}/clusters`, body)).body).toMatchObject({
      status: 409,
      code: 'DUPLICATE',
      errors: [{ field: 'number' }],
    });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM cluster WHERE conference_id = $1`, [id])).toEqual([
      { n: 1 },
    ]);
    expect((await send('patch', `/conferences/${id}`, { kind: 'conference' })).body).toMatchObject({
      status: 409,
      code: 'CONFERENCE_HAS_CLUSTERS',
    });
  });

  it('moves a cluster with its agenda, announcing the previous and the new time', async () => {
    const id = await roundtable();
    const k = await send('post', `/conferences/${id}/clusters`, { number: 2, startsAt: '2022-04-07T13:30:00+07:00' });
    events.length = 0;
    const moved = await send('post', `/conferences/${id}/clusters/${k.body.id}/schedule`, {
      startsAt: '2023-04-07T13:30:00+07:00',
      reason: 'Sửa năm',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: '2023-04-07T13:30:00+07:00', endsAt: '2023-04-07T17:00:00+07:00' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'cluster.scheduled',
        previous: { startsAt: new Date('2022-04-07T06:30:00Z'), endsAt: new Date('2022-04-07T10:00:00Z') },
        current: { startsAt: new Date('2023-04-07T06:30:00Z'), endsAt: new Date('2023-04-07T10:00:00Z') },
        reason: 'Sửa năm',
      }),
    ]);
    const agenda = await t.http().get(`/conferences/${id}/clusters/${k.body.id}/agenda`).set(auth(organizer.token));
    expect(agenda.body.slots[0]).toMatchObject({
      startsAt: '2023-04-07T13:30:00+07:00',
      endsAt: '2023-04-07T14:00:00+07:00',
    });
  });

  it('announces changed fields of an edit, and cancels with a reason', async () => {
    const id = await roundtable();
    const k = await send('post', `/conferences/${id}/clusters`, {
      number: 1,
      startsAt: '2023-04-05T13:30:00+07:00',
      venue: 'Hội trường A',
      unitIds: [units[0]],
    });
    events.length = 0;
    const edited = await send('patch', `/conferences/${id}/clusters/${k.body.id}`, {
      venue: 'Hội trường B',
      unitIds: [units[0], units[1]],
    });
    expect(edited.body).toMatchObject({ venue: 'Hội trường B', unitIds: [units[0], units[1]] });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'cluster.updated',
        changes: [
          { field: 'venue', before: 'Hội trường A', after: 'Hội trường B' },
          { field: 'unitIds', before: [units[0]], after: [units[0], units[1]] },
        ],
      }),
    ]);
    expect((await send('post', `/conferences/${id}/clusters/${k.body.id}/cancel`, {})).status).toBe(422);
    const cancelled = await send('post', `/conferences/${id}/clusters/${k.body.id}/cancel`, {
      reason: 'Ghép vào cụm 2',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Ghép vào cụm 2' });
    expect(events.at(-1)).toMatchObject({
      type: 'cluster.cancelled',
      reason: 'Ghép vào cụm 2',
      previous: { startsAt: new Date('2023-04-05T06:30:00Z') },
    });
    expect((await send('patch', `/conferences/${id}/clusters/${k.body.id}`, { venue: 'x' })).body).toMatchObject({
      status: 409,
      code: 'CLUSTER_CANCELLED',
    });
    expect(
      (await send('post', `/conferences/${id}/clusters/${k.body.id}/agenda/shift`, { minutes: 5 })).body,
    ).toMatchObject({ status: 409, code: 'CLUSTER_CANCELLED' });
  });

  it('cancels every cluster when the roundtable is cancelled', async () => {
    const id = await roundtable();
    await send('post', `/conferences/${id}/clusters`, { number: 1, startsAt: '2023-04-05T13:30:00+07:00' }).expect(201);
    await send('post', `/conferences/${id}/clusters`, { number: 2, startsAt: '2023-04-07T13:30:00+07:00' }).expect(201);
    events.length = 0;
    await send('post', `/conferences/${id}/cancel`, { reason: 'Hủy tọa đàm' }).expect(200);
    expect(events.map((e) => [e.type, (e as DomainEvent & { clusterNumber: number }).clusterNumber])).toEqual([
      ['cluster.cancelled', 1],
      ['cluster.cancelled', 2],
    ]);
    const list = await t.http().get(`/conferences/${id}/clusters`).set(auth(organizer.token));
    expect(list.body.items.map((k: { status: string }) => k.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('edits a cluster’s agenda on its own, leaving the other clusters alone', async () => {
    const id = await roundtable();
    const one = await send('post', `/conferences/${id}/clusters`, { number: 1, startsAt: '2023-04-05T13:30:00+07:00' });
    const two = await send('post', `/conferences/${id}/clusters`, { number: 2, startsAt: '2023-04-07T13:30:00+07:00' });
    const agenda = await t.http().get(`/conferences/${id}/clusters/${one.body.id}/agenda`).set(auth(organizer.token));
    await send('patch', `/conferences/${id}/clusters/${one.body.id}/agenda/slots/${agenda.body.slots[1].id}`, {
      durationMinutes: 150,
    }).expect(200);
    const after = await t.http().get(`/conferences/${id}/clusters/${one.body.id}/agenda`).set(auth(organizer.token));
    expect(after.body.gaps).toEqual([
      { startsAt: '2023-04-05T16:30:00+07:00', endsAt: '2023-04-05T17:00:00+07:00', minutes: 30 },
    ]);
    const other = await t.http().get(`/conferences/${id}/clusters/${two.body.id}/agenda`).set(auth(organizer.token));
    expect(other.body.gaps).toEqual([]);
    await t
      .http()
      .patch(`/conferences/${id}/clusters/${two.body.id}/agenda/slots/${agenda.body.slots[1].id}`)
      .set(auth(organizer.token))
      .send({ durationMinutes: 10 })
      .expect(404);
    await t
      .http()
      .get(`/conferences/${id}/clusters/00000000-0000-4000-8000-000000000000/agenda`)
      .set(auth(organizer.token))
      .expect(404);
  });
});
