import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';
import { deliver, insertPersonAt, received, to } from './support/invitations';

/** Rounds and rehearsals of one conference, each a conference of its own linked to the main event (issue 16, item 8). */
describe('plan facts: rounds and rehearsals of a main event', () => {
  let t: TestApp;
  let token: string;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ token } = await apiUser(t, 'organizer'));
    unitId = await insertUnit(t, { name: 'UBND tỉnh Quảng Nam', kind: 'provincial_committee' });
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'get', path: string, body?: object, as = token) =>
    t.http()[method](path).set(auth(as)).send(body);

  async function scheduled(body: Record<string, unknown>, startsAt: string, endsAt: string) {
    const c = await createConference(t, token, { organizingUnitId: unitId, ...body });
    const res = await send('post', `/conferences/${c.id}/schedule`, { startsAt, endsAt });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function mainEvent() {
    return scheduled(
      { title: 'Lễ kỷ niệm 50 năm thành lập tỉnh', kind: 'ceremony', format: 'in_person' },
      '2026-05-20T08:00:00+07:00',
      '2026-05-20T10:30:00+07:00',
    );
  }

  it('links a round to its main event; GET of the main one lists its rounds in time order', async () => {
    const main = await mainEvent();
    const rehearsal = await scheduled(
      { title: 'Tổng duyệt Lễ kỷ niệm', kind: 'rehearsal', mainConferenceId: main.id, roundLabel: ' Tổng duyệt ' },
      '2026-05-18T14:00:00+07:00',
      '2026-05-18T16:00:00+07:00',
    );
    const test = await createConference(t, token, {
      title: 'Chạy thử kỹ thuật',
      kind: 'technical_test',
      organizingUnitId: unitId,
      mainConferenceId: main.id,
      roundLabel: 'Chạy thử kỹ thuật',
    });
    expect(rehearsal).toMatchObject({ mainConferenceId: main.id, roundLabel: 'Tổng duyệt', kind: 'rehearsal' });
    const got = await send('get', `/conferences/${main.id}`).expect(200);
    expect(got.body.mainConferenceId).toBeNull();
    expect(got.body.rounds).toEqual([
      {
        id: rehearsal.id,
        label: 'Tổng duyệt',
        kind: 'rehearsal',
        status: 'scheduled',
        startsAt: '2026-05-18T14:00:00+07:00',
        endsAt: '2026-05-18T16:00:00+07:00',
      },
      {
        id: test.id,
        label: 'Chạy thử kỹ thuật',
        kind: 'technical_test',
        status: 'draft',
        startsAt: null,
        endsAt: null,
      },
    ]);
    const round = await send('get', `/conferences/${rehearsal.id}`).expect(200);
    expect(round.body.rounds).toEqual([]);
    const unlinked = await send('patch', `/conferences/${test.id}`, { mainConferenceId: null }).expect(200);
    expect(unlinked.body).toMatchObject({ mainConferenceId: null, roundLabel: null });
  });

  it('refuses a self-link, a round of a round, rounds for a round, another organizer, a label alone (422)', async () => {
    const main = await mainEvent();
    const round = await createConference(t, token, { organizingUnitId: unitId, mainConferenceId: main.id });
    const rule = (res: { body: { errors: { field: string; rule: string }[] } }) => res.body.errors[0];
    const self = await send('patch', `/conferences/${main.id}`, { mainConferenceId: main.id }).expect(422);
    expect(rule(self)).toMatchObject({ field: 'mainConferenceId', rule: 'self' });
    const chain = await send('post', '/conferences', {
      title: 'Đợt 1 của tổng duyệt',
      kind: 'conference',
      format: 'online',
      organizingUnitId: unitId,
      mainConferenceId: round.id,
    }).expect(422);
    expect(rule(chain)).toMatchObject({ field: 'mainConferenceId', rule: 'depth' });
    const other = await createConference(t, token, { organizingUnitId: unitId });
    const up = await send('patch', `/conferences/${main.id}`, { mainConferenceId: other.id }).expect(422);
    expect(rule(up)).toMatchObject({ field: 'mainConferenceId', rule: 'depth' });
    const elsewhere = await insertUnit(t, { name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department' });
    const scope = await send('post', '/conferences', {
      title: 'Đợt 2',
      kind: 'conference',
      format: 'online',
      organizingUnitId: elsewhere,
      mainConferenceId: main.id,
    }).expect(422);
    expect(rule(scope)).toMatchObject({ field: 'mainConferenceId', rule: 'scope' });
    const moved = await send('patch', `/conferences/${main.id}`, { organizingUnitId: elsewhere }).expect(422);
    expect(rule(moved)).toMatchObject({ field: 'organizingUnitId', rule: 'scope' });
    const alone = await send('patch', `/conferences/${other.id}`, { roundLabel: 'Đợt 1' }).expect(422);
    expect(rule(alone)).toMatchObject({ field: 'roundLabel', rule: 'requiresMain' });
    const bad = await send('patch', `/conferences/${other.id}`, { mainConferenceId: 'đợt-1' }).expect(422);
    expect(rule(bad).field).toBe('mainConferenceId');
    expect((await send('get', `/conferences/${main.id}`).expect(200)).body.organizingUnitId).toBe(unitId);
  });

  it('answers 404 for a main event the caller cannot see, or that does not exist', async () => {
    const { token: stranger } = await apiUser(t, 'organizer');
    const hidden = await createConference(t, stranger, { organizingUnitId: unitId });
    const res = await send('post', '/conferences', {
      title: 'Đợt 1',
      kind: 'conference',
      format: 'online',
      organizingUnitId: unitId,
      mainConferenceId: hidden.id,
    }).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const mine = await createConference(t, token, { organizingUnitId: unitId });
    await send('patch', `/conferences/${mine.id}`, { mainConferenceId: '00000000-0000-4000-8000-000000000001' }).expect(
      404,
    );
    const linked = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM conference WHERE main_conference_id = ANY($1::uuid[])`,
      [[hidden.id]],
    );
    expect(linked[0].n).toBe(0);
    expect((await send('get', `/conferences/${mine.id}`).expect(200)).body.mainConferenceId).toBeNull();
  });

  it('warns of a rehearsal after the main event starts, on both; cancelling the main one cancels no round', async () => {
    const main = await mainEvent();
    const late = await scheduled(
      { title: 'Tổng duyệt', kind: 'rehearsal', mainConferenceId: main.id, roundLabel: 'Tổng duyệt' },
      '2026-05-20T09:00:00+07:00',
      '2026-05-20T10:00:00+07:00',
    );
    const early = await scheduled(
      { title: 'Chạy thử', kind: 'technical_test', mainConferenceId: main.id, roundLabel: 'Chạy thử kỹ thuật' },
      '2026-05-19T08:00:00+07:00',
      '2026-05-19T09:00:00+07:00',
    );
    const codes = async (id: string) =>
      (await send('get', `/conferences/${id}/checks`).expect(200)).body.checks.filter((c: { code: string }) =>
        ['REHEARSAL_AFTER_MAIN', 'ROUND_OF_CANCELLED_MAIN'].includes(c.code),
      );
    const onMain = await codes(main.id);
    expect(onMain).toEqual([
      expect.objectContaining({
        code: 'REHEARSAL_AFTER_MAIN',
        severity: 'warning',
        target: { type: 'conference', id: late.id },
        related: [{ type: 'conference', id: main.id }],
      }),
    ]);
    expect(onMain[0].message.vi).toContain('Tổng duyệt');
    expect(onMain[0].message.vi).toContain('20/5/2026');
    expect(await codes(late.id)).toEqual([expect.objectContaining({ code: 'REHEARSAL_AFTER_MAIN' })]);
    expect(await codes(early.id)).toEqual([]);

    await send('post', `/conferences/${main.id}/cancel`, { reason: 'Thay đổi kế hoạch' }).expect(200);
    expect((await send('get', `/conferences/${early.id}`).expect(200)).body.status).toBe('scheduled');
    const after = await codes(early.id);
    expect(after).toEqual([
      expect.objectContaining({ code: 'ROUND_OF_CANCELLED_MAIN', target: { type: 'conference', id: early.id } }),
    ]);
    expect((await codes(main.id)).map((c: { code: string }) => c.code)).toEqual([
      'ROUND_OF_CANCELLED_MAIN',
      'ROUND_OF_CANCELLED_MAIN',
    ]);
  });

  it('sends a round its own letter, with its own time and its own invitees', async () => {
    const main = await mainEvent();
    const rehearsal = await scheduled(
      { title: 'Tổng duyệt Lễ kỷ niệm 50 năm', kind: 'rehearsal', mainConferenceId: main.id, roundLabel: 'Tổng duyệt' },
      '2026-05-18T14:00:00+07:00',
      '2026-05-18T16:00:00+07:00',
    );
    const point = await send('post', `/conferences/${rehearsal.id}/bridge-points`, {
      role: 'host',
      name: 'Hội trường Tỉnh ủy',
      unitId,
    }).expect(201);
    const email = `round.${process.pid}@convene.test`;
    const personId = await insertPersonAt(t, 'Phạm Văn Duyệt', email, unitId, 'Chánh Văn phòng');
    await send('post', `/conferences/${rehearsal.id}/invitations`, { personId, siteId: point.body.id }).expect(201);
    await send('post', `/conferences/${rehearsal.id}/invitations/send`, {}).expect(202);
    const [message] = to(await deliver(t), email);
    const got = received(message, email, ['Tổng duyệt Lễ kỷ niệm 50 năm']);
    expect(got.event.uid).toBe(rehearsal.calendarUid);
    expect(got.event.uid).not.toBe(main.calendarUid);
    expect(new Date(got.event.start!).toISOString()).toBe('2026-05-18T07:00:00.000Z');
    const mainInvites = await send('get', `/conferences/${main.id}/invitations`).expect(200);
    expect(mainInvites.body.total ?? mainInvites.body.items.length).toBe(0);
  });
});
