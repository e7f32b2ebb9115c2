import { DataSource } from 'typeorm';
import { AgendaPlanFacts1765100700000 } from '../migrations/1765100700000-AgendaPlanFacts';
import { createTestApp, TestApp } from './support/app';
import { expectFeed } from './support/calendar-checks';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';

/**
 * Issue 16, item 7: what real agendas write on a line — several performers ("Sở Nội vụ; Sở Tài
 * chính"), sub-items, a place — the reception before the official start, and two-day agendas.
 */
describe('Plan facts: agendas as plans write them', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let homeAffairs: string;
  let finance: string;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    homeAffairs = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department' });
    finance = await insertUnit(t, { name: 'Sở Tài chính', kind: 'department' });
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const get = (path: string) => t.http().get(path).set(auth(organizer.token));
  const at = (day: string, hhmm: string) => `2026-03-${day}T${hhmm}:00+07:00`;

  async function conference(startsAt: string, endsAt: string, body: object = {}): Promise<string> {
    const c = await createConference(t, organizer.token, { title: 'Hội nghị tập huấn', ...body });
    await send('post', `/conferences/${c.id}/schedule`, { startsAt, endsAt }).expect(200);
    return c.id;
  }

  it('keeps several performers, sub-items and a place per slot, and shows them in the page and the .ics', async () => {
    const id = await conference(at('27', '07:30'), at('27', '11:30'));
    const res = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '07:30'),
      durationMinutes: 60,
      title: 'Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI năm 2025',
      kind: 'presentation',
      performers: [{ unitId: homeAffairs }, { unitId: finance, text: 'Lãnh đạo Sở Tài chính' }],
      subItems: [
        { text: '  Phân tích Chỉ số CCHC của tỉnh  ' },
        { text: 'Phân tích chỉ số CCHC của các huyện', performers: [{ text: 'Phòng Nội vụ các huyện' }] },
      ],
      place: 'Hội trường tầng 2',
    });
    expect(res.status).toBe(201);
    const [slot] = res.body.slots;
    expect(slot).toMatchObject({
      performers: [
        { unitId: homeAffairs, unitName: 'Sở Nội vụ', text: null, label: 'Sở Nội vụ' },
        { unitId: finance, unitName: 'Sở Tài chính', text: 'Lãnh đạo Sở Tài chính', label: 'Lãnh đạo Sở Tài chính' },
      ],
      performer: { unitId: homeAffairs, label: 'Sở Nội vụ' },
      performerLabel: 'Sở Nội vụ; Lãnh đạo Sở Tài chính',
      subItems: [
        { text: 'Phân tích Chỉ số CCHC của tỉnh', performers: [], performerLabel: null },
        {
          text: 'Phân tích chỉ số CCHC của các huyện',
          performers: [{ text: 'Phòng Nội vụ các huyện', label: 'Phòng Nội vụ các huyện' }],
          performerLabel: 'Phòng Nội vụ các huyện',
        },
      ],
      place: 'Hội trường tầng 2',
    });
    expect((await get(`/conferences/${id}/agenda`)).body).toEqual(res.body);

    const html = (await get(`/conferences/${id}/agenda.html`)).text;
    expect(html).toContain(
      '<td>Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI năm 2025<ul class="sub"><li>Phân tích Chỉ số CCHC của tỉnh</li>' +
        '<li>Phân tích chỉ số CCHC của các huyện (Phòng Nội vụ các huyện)</li></ul>' +
        '<p class="place">Địa điểm: Hội trường tầng 2</p></td><td>Sở Nội vụ; Lãnh đạo Sở Tài chính</td>',
    );
    const { events } = expectFeed((await get(`/conferences/${id}/agenda.ics`)).text, { name: 'Hội nghị tập huấn' });
    expect(events).toHaveLength(1);
    expect(events[0].location).toBe('Hội trường tầng 2');
    expect(events[0].description).toBe(
      [
        'Thực hiện: Sở Nội vụ; Lãnh đạo Sở Tài chính',
        '- Phân tích Chỉ số CCHC của tỉnh',
        '- Phân tích chỉ số CCHC của các huyện (Phòng Nội vụ các huyện)',
        'Địa điểm: Hội trường tầng 2',
      ].join('\n'),
    );

    // The single performer of the first API is still read, as a list of one; null clears.
    const edited = await send('patch', `/conferences/${id}/agenda/slots/${slot.id}`, {
      performer: { text: 'Ban Tổ chức' },
      place: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.slots[0]).toMatchObject({
      performers: [{ text: 'Ban Tổ chức', unitId: null }],
      performer: { text: 'Ban Tổ chức', label: 'Ban Tổ chức' },
      place: null,
      subItems: [{ text: 'Phân tích Chỉ số CCHC của tỉnh' }, { text: 'Phân tích chỉ số CCHC của các huyện' }],
    });
    const cleared = await send('patch', `/conferences/${id}/agenda/slots/${slot.id}`, { performers: [], subItems: [] });
    expect(cleared.body.slots[0]).toMatchObject({
      performers: [],
      performer: { unitId: null, text: null, label: null },
      performerLabel: null,
      subItems: [],
    });
  });

  it('refuses a bad performer or sub-item with 422 naming the field, writing nothing', async () => {
    const id = await conference(at('27', '07:30'), at('27', '11:30'));
    const base = { startsAt: at('27', '08:00'), durationMinutes: 30, title: 'Khai mạc', kind: 'opening' };
    const problem = async (body: object) => (await send('post', `/conferences/${id}/agenda/slots`, body)).body;
    expect(await problem({ ...base, performer: { text: 'A' }, performers: [{ text: 'B' }] })).toMatchObject({
      status: 422,
      errors: [{ field: 'performers', rule: 'oneOf' }],
    });
    expect(await problem({ ...base, performers: [{ text: 'A' }, { text: '  ' }] })).toMatchObject({
      status: 422,
      errors: [{ field: 'performers[1]', rule: 'required' }],
    });
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect(
      await problem({
        ...base,
        performers: [{ text: 'A' }],
        subItems: [{ text: 'x', performers: [{ unitId: unknown }] }],
      }),
    ).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'subItems[0].performers[0].unitId', rule: 'reference' }],
    });
    expect(await problem({ ...base, performers: [{ personId: unknown }] })).toMatchObject({
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'performers[0].personId' }],
    });
    expect(await problem({ ...base, subItems: [{ text: ' ' }] })).toMatchObject({
      status: 422,
      errors: [{ field: 'subItems[0].text', rule: 'required' }],
    });
    const tooLong = await problem({ ...base, place: 'x'.repeat(501) });
    expect(tooLong).toMatchObject({ status: 422, errors: [{ field: 'place', rule: 'maxLength' }] });
    expect((await get(`/conferences/${id}/agenda`)).body.slots).toEqual([]);
  });

  it('places the reception before the official start (up to two hours), not outside the session', async () => {
    const id = await conference(at('27', '07:30'), at('27', '11:30'));
    const reception = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '07:00'),
      endsAt: at('27', '07:30'),
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
      performers: [{ text: 'Ban Tổ chức' }],
    });
    expect(reception.status).toBe(201);
    const opening = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '07:30'),
      endsAt: at('27', '11:30'),
      title: 'Khai mạc và làm việc',
      kind: 'opening',
    });
    expect(opening.body.gaps).toEqual([]);
    const early = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '06:30'),
      endsAt: at('27', '07:00'),
      title: 'Chạy thử âm thanh',
      kind: 'other',
    });
    expect(early.body).toMatchObject({ status: 422, code: 'AGENDA_SLOT_OUTSIDE_SESSION' });
    const tooEarly = await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '05:00'),
      endsAt: at('27', '05:25'),
      title: 'Đón tiếp sớm',
      kind: 'reception',
    });
    expect(tooEarly.body).toMatchObject({ status: 422, code: 'AGENDA_SLOT_OUTSIDE_SESSION' });
    expect(tooEarly.body.errors[0].message).toBe('«Đón tiếp sớm» must lie inside the session 05:30–11:30');
    const checks = (await get(`/conferences/${id}/checks`)).body.checks.map((c: { code: string }) => c.code);
    expect(checks).not.toContain('AGENDA_SLOT_OUTSIDE_SESSION');
    expect(checks).not.toContain('AGENDA_GAP');
    const html = (await get(`/conferences/${id}/agenda.html`)).text;
    expect(html.indexOf('07:00 – 07:30')).toBeGreaterThan(0);
    expect(html.indexOf('07:00 – 07:30')).toBeLessThan(html.indexOf('07:30 – 11:30'));
  });

  it('lets a roundtable template put the reception before the start, and only the reception', async () => {
    const c = await createConference(t, organizer.token, { kind: 'roundtable', format: 'in_person' });
    const refused = await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [{ offsetMinutes: -30, durationMinutes: 30, title: 'Khai mạc', kind: 'opening' }],
    });
    expect(refused.body).toMatchObject({
      status: 422,
      errors: [{ field: 'slots[0].offsetMinutes', rule: 'receptionOnly' }],
    });
    const tooFar = await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [{ offsetMinutes: -150, durationMinutes: 30, title: 'Đón tiếp', kind: 'reception' }],
    });
    expect(tooFar.body).toMatchObject({ status: 422, errors: [{ field: 'slots[0].offsetMinutes', rule: 'min' }] });
    const put = await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [
        {
          offsetMinutes: -30,
          durationMinutes: 30,
          title: 'Đón tiếp đại biểu',
          kind: 'reception',
          performers: [{ unitId: homeAffairs }, { unitId: finance }],
          place: 'Sảnh tầng 1',
        },
        {
          offsetMinutes: 0,
          durationMinutes: 60,
          title: 'Tọa đàm',
          kind: 'discussion',
          subItems: [{ text: 'Chia sẻ kinh nghiệm', performers: [{ text: 'UBND quận, huyện' }] }],
        },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body[0]).toMatchObject({ offsetMinutes: -30, performerLabel: 'Sở Nội vụ; Sở Tài chính' });
    const cluster = await send('post', `/conferences/${c.id}/clusters`, {
      number: 1,
      startsAt: at('27', '14:00'),
    });
    expect(cluster.status).toBe(201);
    expect(cluster.body).toMatchObject({ startsAt: at('27', '14:00'), endsAt: at('27', '15:00') });
    const agenda = (await get(`/conferences/${c.id}/clusters/${cluster.body.id}/agenda`)).body;
    expect(agenda.slots.map((s: Record<string, unknown>) => [s.startsAt, s.title, s.performerLabel, s.place])).toEqual([
      [at('27', '13:30'), 'Đón tiếp đại biểu', 'Sở Nội vụ; Sở Tài chính', 'Sảnh tầng 1'],
      [at('27', '14:00'), 'Tọa đàm', null, null],
    ]);
    expect(agenda.slots[1].subItems).toMatchObject([
      { text: 'Chia sẻ kinh nghiệm', performerLabel: 'UBND quận, huyện' },
    ]);
    expect(agenda.gaps).toEqual([]);
  });

  it('reports no overnight gap in a two-day agenda (27–28/3), only gaps within a day', async () => {
    const id = await conference(at('27', '07:30'), at('28', '11:30'));
    const slots = [
      ['27', '07:00', '07:30', 'Đón tiếp đại biểu', 'reception'],
      ['27', '07:30', '11:30', 'Khai mạc; báo cáo chuyên đề', 'opening'],
      ['27', '13:30', '17:00', 'Thảo luận tổ', 'discussion'],
      ['28', '07:30', '11:00', 'Thực hành; bế mạc', 'training'],
    ];
    for (const [day, from, to, title, kind] of slots)
      await send('post', `/conferences/${id}/agenda/slots`, {
        startsAt: at(day, from),
        endsAt: at(day, to),
        title,
        kind,
      }).expect(201);
    const agenda = (await get(`/conferences/${id}/agenda`)).body;
    expect(agenda.gaps).toEqual([
      { startsAt: at('27', '11:30'), endsAt: at('27', '13:30'), minutes: 120 },
      { startsAt: at('28', '11:00'), endsAt: at('28', '11:30'), minutes: 30 },
    ]);
    const gaps = (await get(`/conferences/${id}/checks`)).body.checks.filter(
      (c: { code: string }) => c.code === 'AGENDA_GAP',
    );
    expect(gaps.map((g: { message: { en: string } }) => g.message.en)).toEqual([
      expect.stringContaining('11:30'),
      expect.stringContaining('11:00'),
    ]);
    const html = (await get(`/conferences/${id}/agenda.html`)).text;
    expect(html).toContain('<tr class="day"><td colspan="3">Thứ Sáu, ngày 27/3/2026</td></tr>');
    expect(html).toContain('<tr class="day"><td colspan="3">Thứ Bảy, ngày 28/3/2026</td></tr>');
  });

  // Last: it takes this file's database back to the old columns and forward again.
  it('moves the single performer of before into the list when migrating (and back, the first only)', async () => {
    const id = await conference(at('27', '07:30'), at('27', '11:30'));
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '07:30'),
      durationMinutes: 30,
      title: 'Khai mạc',
      kind: 'opening',
      performers: [{ unitId: homeAffairs, text: 'Lãnh đạo Sở Nội vụ' }, { unitId: finance }],
    }).expect(201);
    await send('post', `/conferences/${id}/agenda/slots`, {
      startsAt: at('27', '08:00'),
      durationMinutes: 30,
      title: 'Giải lao',
      kind: 'break',
    }).expect(201);
    const runner = t.app.get(DataSource).createQueryRunner();
    const migration = new AgendaPlanFacts1765100700000();
    const old = `SELECT title, performer_unit_id, performer_text FROM agenda_slot WHERE conference_id = $1 ORDER BY starts_at`;
    try {
      await migration.down(runner);
      expect(await runner.query(old, [id])).toEqual([
        { title: 'Khai mạc', performer_unit_id: homeAffairs, performer_text: 'Lãnh đạo Sở Nội vụ' },
        { title: 'Giải lao', performer_unit_id: null, performer_text: null },
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const slots = (await get(`/conferences/${id}/agenda`)).body.slots;
    expect(slots.map((s: { performers: unknown[] }) => s.performers)).toEqual([
      [
        {
          unitId: homeAffairs,
          unitName: 'Sở Nội vụ',
          personId: null,
          personName: null,
          text: 'Lãnh đạo Sở Nội vụ',
          label: 'Lãnh đạo Sở Nội vụ',
        },
      ],
      [],
    ]);
  });
});
