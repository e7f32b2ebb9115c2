import { createTestApp, TestApp } from './support/app';
import { expectFeed } from './support/calendar-checks';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';

describe('Agendas', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const get = (path: string) => t.http().get(path).set(auth(organizer.token));
  const at = (hhmm: string) => `2023-03-08T${hhmm}:00+07:00`;

  async function scheduledConference(from = '13:30', to = '17:00'): Promise<string> {
    const c = await createConference(t, organizer.token, { title: 'Hội nghị có chương trình' });
    await send('post', `/conferences/${c.id}/schedule`, { startsAt: at(from), endsAt: at(to) }).expect(200);
    return c.id;
  }

  it('inserts slots by start and end or start and duration, in order, and reports the gaps', async () => {
    const id = await scheduledConference();
    const unit = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department' });
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('14:00'),
      durationMinutes: 5,
      title: 'Khai mạc',
      kind: 'opening',
      performer: { text: 'Ban Tổ chức' },
    }).expect(201);
    const res = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
      performer: { unitId: unit },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      conferenceId: id,
      clusterId: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      session: { startsAt: at('13:30'), endsAt: at('17:00') },
      slots: [
        {
          startsAt: at('13:30'),
          endsAt: at('14:00'),
          durationMinutes: 30,
          title: 'Đón tiếp đại biểu',
          kind: 'reception',
          performer: { unitId: unit, unitName: 'Sở Nội vụ', label: 'Sở Nội vụ' },
        },
        {
          startsAt: at('14:00'),
          endsAt: at('14:05'),
          durationMinutes: 5,
          title: 'Khai mạc',
          kind: 'opening',
          performer: { text: 'Ban Tổ chức', label: 'Ban Tổ chức' },
        },
      ],
      gaps: [{ startsAt: at('14:05'), endsAt: at('17:00'), minutes: 175 }],
    });
    expect(await get(`/conferences/${id}/agenda`).then((r) => r.body)).toEqual(res.body);
  });

  it('refuses an overlap, a slot outside the session and a slot without an end, writing nothing', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'Đón tiếp',
      kind: 'reception',
    }).expect(201);
    const overlap = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:45'),
      endsAt: at('14:10'),
      title: 'Khai mạc',
      kind: 'opening',
    });
    expect(overlap.body).toMatchObject({
      status: 422,
      code: 'AGENDA_SLOT_OVERLAP',
      errors: [{ field: 'startsAt', rule: 'noOverlap' }],
    });
    expect(overlap.body.errors[0].message).toBe('«Khai mạc» overlaps «Đón tiếp» (13:30–14:00)');
    const outside = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('16:45'),
      durationMinutes: 30,
      title: 'Kết luận',
      kind: 'closing',
    });
    expect(outside.body).toMatchObject({
      status: 422,
      code: 'AGENDA_SLOT_OUTSIDE_SESSION',
      errors: [{ rule: 'insideSession' }],
    });
    const endless = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('15:00'),
      title: 'x',
      kind: 'other',
    });
    expect(endless.body).toMatchObject({ status: 422, errors: [{ field: 'endsAt', rule: 'required' }] });
    const badKind = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('15:00'),
      durationMinutes: 10,
      title: 'x',
      kind: 'lunch',
    });
    expect(badKind.body).toMatchObject({ status: 422, errors: [{ field: 'kind', rule: 'isIn' }] });
    expect((await get(`/conferences/${id}/agenda`)).body.slots).toHaveLength(1);
  });

  it('inserts with pushFollowing by moving later slots down', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'A',
      kind: 'reception',
    }).expect(201);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('14:00'),
      endsAt: at('14:30'),
      title: 'B',
      kind: 'speech',
    }).expect(201);
    const res = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('14:00'),
      durationMinutes: 10,
      title: 'X',
      kind: 'other',
      pushFollowing: true,
    });
    expect(
      res.body.slots.map((s: { title: string; startsAt: string }) => `${s.title}@${s.startsAt.slice(11, 16)}`),
    ).toEqual(['A@13:30', 'X@14:00', 'B@14:10']);
  });

  it('moves a slot keeping its length, resizes it, and removes it', async () => {
    const id = await scheduledConference();
    const made = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'A',
      kind: 'reception',
    });
    const slotId = made.body.slots[0].id;
    const moved = await send('patch', `/conferences/${id}/agenda/slots/${slotId}`, { startsAt: at('15:00') });
    expect(moved.body.slots[0]).toMatchObject({ startsAt: at('15:00'), endsAt: at('15:30') });
    const resized = await send('patch', `/conferences/${id}/agenda/slots/${slotId}`, {
      durationMinutes: 45,
      title: 'A dài hơn',
    });
    expect(resized.body.slots[0]).toMatchObject({ startsAt: at('15:00'), endsAt: at('15:45'), title: 'A dài hơn' });
    const tooLong = await send('patch', `/conferences/${id}/agenda/slots/${slotId}`, { endsAt: at('17:30') });
    expect(tooLong.body).toMatchObject({ status: 422, code: 'AGENDA_SLOT_OUTSIDE_SESSION' });
    const backwards = await send('patch', `/conferences/${id}/agenda/slots/${slotId}`, { endsAt: at('14:00') });
    expect(backwards.body).toMatchObject({ status: 422, errors: [{ field: 'endsAt', rule: 'afterStart' }] });
    const removed = await send('delete', `/conferences/${id}/agenda/slots/${slotId}`);
    expect(removed.body.slots).toEqual([]);
    await send('delete', `/conferences/${id}/agenda/slots/${slotId}`).expect(404);
  });

  it('shifts the whole agenda, but not out of the session', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'A',
      kind: 'reception',
    }).expect(201);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('14:00'),
      endsAt: at('16:00'),
      title: 'B',
      kind: 'discussion',
    }).expect(201);
    const shifted = await send('post', `/conferences/${id}/agenda/shift`, { minutes: 30 });
    expect(shifted.body.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual([at('14:00'), at('14:30')]);
    const tooFar = await send('post', `/conferences/${id}/agenda/shift`, { minutes: 90 });
    expect(tooFar.body).toMatchObject({ status: 422, code: 'AGENDA_SLOT_OUTSIDE_SESSION' });
    expect((await send('post', `/conferences/${id}/agenda/shift`, { minutes: 0 })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'minutes' }],
    });
  });

  it('moves with the conference when the conference moves', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'A',
      kind: 'reception',
    }).expect(201);
    await send('post', `/conferences/${id}/schedule`, {
      startsAt: '2023-03-09T08:00:00+07:00',
      endsAt: '2023-03-09T11:30:00+07:00',
    }).expect(200);
    expect((await get(`/conferences/${id}/agenda`)).body.slots[0]).toMatchObject({
      startsAt: '2023-03-09T08:00:00+07:00',
      endsAt: '2023-03-09T08:30:00+07:00',
    });
  });

  it('needs a confirmed time before slots, but takes a template at any time', async () => {
    const c = await createConference(t, organizer.token);
    const res = await send('post', `/conferences/${c.id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'A',
      kind: 'reception',
    });
    expect(res.body).toMatchObject({ status: 409, code: 'CONFERENCE_NOT_SCHEDULED', currentStatus: 'draft' });
    const template = await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [{ offsetMinutes: 0, durationMinutes: 30, title: 'Đón tiếp', kind: 'reception' }],
    });
    expect(template.status).toBe(200);
    expect((await get(`/conferences/${c.id}/agenda`)).body).toMatchObject({ session: null, slots: [], gaps: [] });
  });

  it('applies the template again, replacing the slots, and refuses an overlapping template', async () => {
    const id = await scheduledConference('08:00', '11:30');
    const overlapping = await send('put', `/conferences/${id}/agenda-template`, {
      slots: [
        { offsetMinutes: 0, durationMinutes: 30, title: 'A', kind: 'reception' },
        { offsetMinutes: 20, durationMinutes: 10, title: 'B', kind: 'opening' },
      ],
    });
    expect(overlapping.body).toMatchObject({
      status: 422,
      code: 'AGENDA_SLOT_OVERLAP',
      errors: [{ field: 'slots[1].offsetMinutes', rule: 'noOverlap' }],
    });
    const empty = await send('post', `/conferences/${id}/agenda/apply-template`);
    expect(empty.body).toMatchObject({ status: 409, code: 'AGENDA_TEMPLATE_EMPTY' });
    await send('put', `/conferences/${id}/agenda-template`, {
      slots: [
        { offsetMinutes: 0, durationMinutes: 30, title: 'A', kind: 'reception' },
        { offsetMinutes: 30, durationMinutes: 15, title: 'B', kind: 'opening' },
      ],
    }).expect(200);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: '2023-03-08T10:00:00+07:00',
      durationMinutes: 10,
      title: 'Cũ',
      kind: 'other',
    }).expect(201);
    const applied = await send('post', `/conferences/${id}/agenda/apply-template`);
    expect(applied.status).toBe(200);
    expect(applied.body.slots.map((s: { title: string; startsAt: string }) => `${s.title}@${s.startsAt}`)).toEqual([
      'A@2023-03-08T08:00:00+07:00',
      'B@2023-03-08T08:30:00+07:00',
    ]);
  });

  it('prints the agenda as the plan’s table, in Vietnamese or English', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
      performer: { text: 'Ban Tổ chức' },
    }).expect(201);
    const html = await get(`/conferences/${id}/agenda.html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('DỰ KIẾN CHƯƠNG TRÌNH');
    expect(html.text).toContain('<td class="time">13:30 – 14:00</td><td>Đón tiếp đại biểu</td><td>Ban Tổ chức</td>');
    expect(html.text).toContain('Thứ Tư, ngày 08/3/2023');
    const english = await get(`/conferences/${id}/agenda.html?lang=en`);
    expect(english.text).toContain('DRAFT AGENDA');
    expect((await get(`/conferences/${id}/agenda.html?lang=fr`)).status).toBe(422);
  });

  it('exports an .ics with one event per slot that passes the calendar checks (UTC, ≤ 75 octets a line, own UIDs)', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('13:30'),
      endsAt: at('14:00'),
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
      performer: { text: 'Ban Tổ chức' },
    }).expect(201);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('14:15'),
      endsAt: at('15:00'),
      title: 'Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI thành phố Cần Thơ năm 2022',
      kind: 'presentation',
    }).expect(201);
    const res = await get(`/conferences/${id}/agenda.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.text).toContain('DTSTART:20230308T063000Z');
    const { events } = expectFeed(res.text, { name: 'Hội nghị có chương trình' });
    expect(events.map((e) => [e.summary, e.start?.toISOString(), e.end?.toISOString(), e.description])).toEqual([
      ['Đón tiếp đại biểu', '2023-03-08T06:30:00.000Z', '2023-03-08T07:00:00.000Z', 'Thực hiện: Ban Tổ chức'],
      [
        'Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI thành phố Cần Thơ năm 2022',
        '2023-03-08T07:15:00.000Z',
        '2023-03-08T08:00:00.000Z',
        null,
      ],
    ]);
    expect(events[0].uid).toMatch(/^agenda-slot-[0-9a-f-]{36}@convene$/);
  });

  it('reads the same whatever the machine’s zone: times are in the conference’s zone', async () => {
    const id = await scheduledConference();
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: '2023-03-08T06:30:00Z',
      endsAt: '2023-03-08T07:00:00.000Z',
      title: 'Đón tiếp',
      kind: 'reception',
    }).expect(201);
    const [row] = await t.dataSource.query(`SELECT starts_at FROM agenda_slot WHERE conference_id = $1`, [id]);
    expect(new Date(row.starts_at).toISOString()).toBe('2023-03-08T06:30:00.000Z');
    expect((await get(`/conferences/${id}/agenda`)).body.slots[0]).toMatchObject({
      startsAt: '2023-03-08T13:30:00+07:00',
      endsAt: '2023-03-08T14:00:00+07:00',
    });
    const paris = await createConference(t, organizer.token, { timeZone: 'Europe/Paris' });
    await send('post', `/conferences/${paris.id}/schedule`, {
      startsAt: '2023-03-08T06:30:00Z',
      endsAt: '2023-03-08T10:00:00Z',
    }).expect(200);
    expect((await get(`/conferences/${paris.id}`)).body).toMatchObject({
      startsAt: '2023-03-08T07:30:00+01:00',
      endsAt: '2023-03-08T11:00:00+01:00',
    });
  });

  // The server runs in this process: changing TZ here changes the zone it runs in (Node reads TZ on each use).
  it('answers byte for byte the same agenda, page, .ics and checks under TZ=UTC, Asia/Ho_Chi_Minh and America/Los_Angeles', async () => {
    const id = await scheduledConference('07:30', '11:30');
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('07:30'),
      endsAt: at('08:00'),
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
    }).expect(201);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('08:00'),
      durationMinutes: 200,
      title: 'Tổng kết',
      kind: 'speech',
    }).expect(201);
    const read = async () =>
      Promise.all(
        [
          `/conferences/${id}/agenda`,
          `/conferences/${id}/agenda.html`,
          `/conferences/${id}/agenda.ics`,
          `/conferences/${id}/checks`,
          `/conferences/${id}`,
        ].map(async (path) => (await get(path)).text),
      );
    const zone = process.env.TZ;
    try {
      const answers: string[][] = [];
      for (const tz of ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        answers.push(await read());
      }
      expect(answers[0][0]).toContain('"startsAt":"2023-03-08T07:30:00+07:00"');
      expect(answers[0][1]).toContain('07:30 – 08:00');
      expect(answers[0][2]).toContain('DTSTART:20230308T003000Z');
      expect(answers[0][3]).toContain('"AGENDA_GAP"');
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('keeps agendas from strangers and writes from observers', async () => {
    const id = await scheduledConference();
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(`/conferences/${id}/agenda`).set(auth(stranger.token)).expect(404);
    await t.http().get(`/conferences/${id}/agenda.ics`).set(auth(stranger.token)).expect(404);
    const observer = await t.userToken('observer');
    await send('post', `/conferences/${id}/members`, { userId: observer.userId, role: 'observer' }).expect(201);
    await t.http().get(`/conferences/${id}/agenda.html`).set(auth(observer.token)).expect(200);
    await t.http().post(`/conferences/${id}/agenda/shift`).set(auth(observer.token)).send({ minutes: 5 }).expect(403);
  });
});
