import { ConferenceChecks } from '../src/checks/conference-checks';
import { createTestApp, TestApp } from './support/app';
import {
  apiUser,
  auth,
  createConference,
  createScheduledConference,
  insertPerson,
  insertUnit,
} from './support/conference-fixtures';

interface CheckBody {
  code: string;
  severity: string;
  message: { vi: string; en: string };
  target: { type: string; id: string };
  related?: { type: string; id: string }[];
}

describe('Conference checks', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const checks = async (id: string): Promise<CheckBody[]> => {
    const res = await t.http().get(`/conferences/${id}/checks`).set(auth(organizer.token));
    expect(res.status).toBe(200);
    return res.body.checks;
  };
  const codes = async (id: string) => (await checks(id)).map((c) => `${c.code}:${c.target.type}`).sort();
  const schedule = (id: string, startsAt: string, endsAt: string) =>
    send('post', `/conferences/${id}/schedule`, { startsAt, endsAt }).expect(200);
  const inPerson = { format: 'in_person' };

  describe('dates against the plan', () => {
    it('warns about a date before the plan’s issue date, and not about one after it', async () => {
      const c = await createConference(t, organizer.token, {
        ...inPerson,
        plan: { reference: '690/KH-UBND', issuedOn: '2026-02-13' },
      });
      await schedule(c.id, '2026-02-10T07:30:00+07:00', '2026-02-10T11:30:00+07:00');
      const found = await checks(c.id);
      expect(found).toContainEqual({
        code: 'DATE_BEFORE_PLAN',
        severity: 'warning',
        message: {
          vi: 'Ngày 10/2/2026 của hội nghị trước ngày ban hành kế hoạch (13/02/2026).',
          en: 'The date 10 February 2026 of the conference is before the plan was issued (13/02/2026).',
        },
        target: { type: 'conference', id: c.id },
      });
      await schedule(c.id, '2026-03-18T07:30:00+07:00', '2026-03-18T11:30:00+07:00');
      expect(await codes(c.id)).toEqual([]);
    });

    it('compares a month-only plan date with the first day of the month, and a tentative window too', async () => {
      const c = await createConference(t, organizer.token, {
        ...inPerson,
        plan: { issuedOn: '2026-03' },
        window: { from: '2026-02-25', to: '2026-02-27' },
      });
      expect(await codes(c.id)).toEqual(['DATE_BEFORE_PLAN:conference']);
      await send('patch', `/conferences/${c.id}`, { window: { from: '2026-03-02', to: '2026-03-06' } }).expect(200);
      expect(await codes(c.id)).toEqual([]);
    });

    it('warns about a date in another year than the plan', async () => {
      const c = await createConference(t, organizer.token, { ...inPerson, plan: { issuedOn: '2026-02-13' } });
      await schedule(c.id, '2027-01-10T07:30:00+07:00', '2027-01-10T11:30:00+07:00');
      const [found] = await checks(c.id);
      expect(found).toMatchObject({
        code: 'DATE_OTHER_YEAR',
        severity: 'warning',
        message: { vi: 'Hội nghị diễn ra năm 2027, khác năm của kế hoạch (2026).' },
      });
      await schedule(c.id, '2026-12-10T07:30:00+07:00', '2026-12-10T11:30:00+07:00');
      expect(await codes(c.id)).toEqual([]);
    });

    it('warns about a time already past when it was scheduled', async () => {
      const c = await createConference(t, organizer.token, inPerson);
      await schedule(c.id, '2026-02-01T07:30:00+07:00', '2026-02-01T11:30:00+07:00');
      expect(await codes(c.id)).toEqual(['DATE_PAST_WHEN_SCHEDULED:conference']);
      await schedule(c.id, '2026-04-01T07:30:00+07:00', '2026-04-01T11:30:00+07:00');
      expect(await codes(c.id)).toEqual([]);
    });

    it('warns about a confirmed time outside the tentative window', async () => {
      const c = await createConference(t, organizer.token, {
        ...inPerson,
        window: { from: '2026-03-06', to: '2026-03-10' },
      });
      await schedule(c.id, '2026-03-12T07:30:00+07:00', '2026-03-12T11:30:00+07:00');
      expect(await codes(c.id)).toEqual(['SCHEDULE_OUTSIDE_WINDOW:conference']);
      await schedule(c.id, '2026-03-10T07:30:00+07:00', '2026-03-10T11:30:00+07:00');
      expect(await codes(c.id)).toEqual([]);
    });
  });

  describe('clusters', () => {
    async function roundtable(): Promise<string> {
      const c = await createConference(t, organizer.token, { kind: 'roundtable', format: 'in_person' });
      await send('put', `/conferences/${c.id}/agenda-template`, {
        slots: [{ offsetMinutes: 0, durationMinutes: 210, title: 'Tọa đàm', kind: 'discussion' }],
      }).expect(200);
      return c.id;
    }

    it('warns about clusters out of their numbered order, until they are put in order', async () => {
      const id = await roundtable();
      await send('post', `/conferences/${id}/clusters`, { number: 1, startsAt: '2026-04-05T13:30:00+07:00' }).expect(
        201,
      );
      const two = await send('post', `/conferences/${id}/clusters`, {
        number: 2,
        startsAt: '2026-04-03T13:30:00+07:00',
      });
      const found = await checks(id);
      expect(found).toEqual([
        expect.objectContaining({ code: 'CLUSTERS_OUT_OF_ORDER', target: { type: 'cluster', id: two.body.id } }),
      ]);
      expect(found[0].message.vi).toBe('Cụm 2 (03/4/2026) diễn ra trước cụm 1 (05/4/2026).');
      await send('post', `/conferences/${id}/clusters/${two.body.id}/schedule`, {
        startsAt: '2026-04-07T13:30:00+07:00',
      }).expect(200);
      expect(await codes(id)).toEqual([]);
    });

    it('warns about two clusters at the same time sharing a unit', async () => {
      const id = await roundtable();
      const shared = await insertUnit(t, { name: 'UBND quận Ninh Kiều', kind: 'district_committee' });
      const other = await insertUnit(t, { name: 'UBND quận Cái Răng', kind: 'district_committee' });
      const one = await send('post', `/conferences/${id}/clusters`, {
        number: 1,
        startsAt: '2026-04-05T13:30:00+07:00',
        unitIds: [shared],
      });
      const two = await send('post', `/conferences/${id}/clusters`, {
        number: 2,
        startsAt: '2026-04-05T15:00:00+07:00',
        // The host among the units too (a host outside them is CLUSTER_HOST_NOT_MEMBER).
        unitIds: [other, shared],
        hostUnitId: shared,
      });
      const found = await checks(id);
      expect(found).toEqual([
        expect.objectContaining({ code: 'CLUSTER_UNIT_DOUBLE_BOOKED', target: { type: 'cluster', id: two.body.id } }),
      ]);
      expect(found[0].related).toEqual([
        { type: 'cluster', id: one.body.id },
        { type: 'unit', id: shared },
      ]);
      expect(found[0].message.vi).toBe('Cụm 1 và cụm 2 trùng thời gian và cùng có đơn vị UBND quận Ninh Kiều.');
      await send('post', `/conferences/${id}/clusters/${two.body.id}/schedule`, {
        startsAt: '2026-04-06T13:30:00+07:00',
      }).expect(200);
      expect(await codes(id)).toEqual([]);
    });
  });

  describe('bookings across conferences', () => {
    it('warns when one unit hosts two events at the same time, and when the same room is booked twice', async () => {
      const district = await insertUnit(t, { name: 'UBND huyện Núi Thành', kind: 'district_committee' });
      const first = await createConference(t, organizer.token);
      const second = await createConference(t, organizer.token);
      await schedule(first.id, '2026-04-08T07:30:00+07:00', '2026-04-08T11:30:00+07:00');
      await schedule(second.id, '2026-04-08T09:00:00+07:00', '2026-04-08T10:00:00+07:00');
      const a = await send('post', `/conferences/${first.id}/bridge-points`, {
        role: 'host',
        name: 'A',
        unitId: district,
        room: 'Phòng họp trực tuyến',
        meetingLink: 'https://x.vn/a',
        coordinatorPersonId: await insertPerson(t, 'Điều phối A'),
      });
      const b = await send('post', `/conferences/${second.id}/bridge-points`, {
        role: 'host',
        name: 'B',
        unitId: district,
        room: 'Hội trường',
        meetingLink: 'https://x.vn/b',
        coordinatorPersonId: await insertPerson(t, 'Điều phối B'),
      });
      expect(await checks(first.id)).toEqual([
        {
          code: 'HOST_UNIT_DOUBLE_BOOKED',
          severity: 'warning',
          message: {
            vi: 'UBND huyện Núi Thành chủ trì hội nghị và đồng thời một sự kiện khác cùng lúc.',
            en: 'UBND huyện Núi Thành hosts the conference and another event at the same time.',
          },
          target: { type: 'bridge_point', id: a.body.id },
          related: [{ type: 'bridge_point', id: b.body.id }],
        },
      ]);
      await send('patch', `/conferences/${second.id}/bridge-points/${b.body.id}`, {
        room: ' phòng họp  trực tuyến ',
      }).expect(200);
      expect(await codes(first.id)).toEqual(['ROOM_DOUBLE_BOOKED:bridge_point']);
      expect(await codes(second.id)).toEqual(['ROOM_DOUBLE_BOOKED:bridge_point']);
      await schedule(second.id, '2026-04-08T13:30:00+07:00', '2026-04-08T17:00:00+07:00');
      expect(await codes(first.id)).toEqual([]);
    });

    it('sees a roundtable cluster and an online conference in the same hall', async () => {
      const host = await insertUnit(t, { name: 'UBND huyện Phong Điền', kind: 'district_committee' });
      const rt = await createConference(t, organizer.token, { kind: 'roundtable', format: 'in_person' });
      const k = await send('post', `/conferences/${rt.id}/clusters`, {
        number: 1,
        startsAt: '2026-05-07T13:30:00+07:00',
        endsAt: '2026-05-07T17:00:00+07:00',
        hostUnitId: host,
        venue: 'Hội trường UBND huyện',
      });
      const online = await createConference(t, organizer.token, inPerson);
      await schedule(online.id, '2026-05-07T14:00:00+07:00', '2026-05-07T16:00:00+07:00');
      await send('post', `/conferences/${online.id}/bridge-points`, {
        role: 'host',
        name: 'Điểm cầu',
        unitId: host,
        room: 'Hội trường UBND huyện',
      }).expect(201);
      expect(await checks(rt.id)).toEqual([
        expect.objectContaining({
          code: 'ROOM_DOUBLE_BOOKED',
          target: { type: 'cluster', id: k.body.id },
          message: expect.objectContaining({ vi: expect.stringContaining('cụm 1') }),
        }),
      ]);
      await send('post', `/conferences/${online.id}/cancel`, { reason: 'x' }).expect(200);
      expect(await codes(rt.id)).toEqual([]);
    });
  });

  describe('agendas', () => {
    async function withAgenda(): Promise<{ id: string; slots: { id: string }[] }> {
      const c = await createConference(t, organizer.token, inPerson);
      await schedule(c.id, '2026-04-08T13:30:00+07:00', '2026-04-08T17:00:00+07:00');
      await send('post', `/conferences/${c.id}/agenda/slots`, {
        startsAt: '2026-04-08T13:30:00+07:00',
        endsAt: '2026-04-08T15:00:00+07:00',
        title: 'A',
        kind: 'reception',
      }).expect(201);
      const res = await send('post', `/conferences/${c.id}/agenda/slots`, {
        startsAt: '2026-04-08T15:00:00+07:00',
        endsAt: '2026-04-08T17:00:00+07:00',
        title: 'B',
        kind: 'closing',
      });
      return { id: c.id, slots: res.body.slots };
    }

    it('finds nothing in a clean agenda', async () => {
      expect(await codes((await withAgenda()).id)).toEqual([]);
    });

    it('finds overlapping slots (written past the API, as a concurrent or imported change could)', async () => {
      const { id, slots } = await withAgenda();
      await t.dataSource.query(`UPDATE agenda_slot SET starts_at = starts_at - interval '15 minutes' WHERE id = $1`, [
        slots[1].id,
      ]);
      const found = await checks(id);
      expect(found).toEqual([
        expect.objectContaining({
          code: 'AGENDA_OVERLAP',
          severity: 'error',
          target: { type: 'agenda_slot', id: slots[1].id },
          related: [{ type: 'agenda_slot', id: slots[0].id }],
        }),
      ]);
      expect(found[0].message).toEqual({
        vi: 'Trong chương trình hội nghị, «B» trùng thời gian với «A».',
        en: 'In the conference agenda, «B» overlaps «A».',
      });
    });

    it('finds slots outside a session that was shortened, and reports gaps as notes', async () => {
      const { id, slots } = await withAgenda();
      await schedule(id, '2026-04-08T13:30:00+07:00', '2026-04-08T16:30:00+07:00');
      expect(await checks(id)).toEqual([
        expect.objectContaining({
          code: 'AGENDA_SLOT_OUTSIDE_SESSION',
          severity: 'error',
          target: { type: 'agenda_slot', id: slots[1].id },
        }),
      ]);
      await schedule(id, '2026-04-08T13:30:00+07:00', '2026-04-08T17:30:00+07:00');
      const found = await checks(id);
      expect(found).toEqual([
        expect.objectContaining({ code: 'AGENDA_GAP', severity: 'info', target: { type: 'conference', id } }),
      ]);
      expect(found[0].message.vi).toBe('Trong chương trình hội nghị, khoảng 17:00 – 17:30 (30 phút) chưa có nội dung.');
    });
  });

  describe('bridge points', () => {
    it('warns about an online conference without a host point, and points without coordinator or link, and a failed test', async () => {
      const c = await createConference(t, organizer.token);
      expect(await codes(c.id)).toEqual(['NO_HOST_POINT:conference']);
      const p = await send('post', `/conferences/${c.id}/bridge-points`, { role: 'host', name: 'Điểm cầu tỉnh' });
      expect(await codes(c.id)).toEqual([
        'BRIDGE_POINT_NO_COORDINATOR:bridge_point',
        'BRIDGE_POINT_NO_LINK:bridge_point',
      ]);
      await send('patch', `/conferences/${c.id}/bridge-points/${p.body.id}`, {
        meetingRoomId: 'P-01',
        coordinatorPersonId: await insertPerson(t, 'Phạm Văn Kết Nối'),
      }).expect(200);
      expect(await codes(c.id)).toEqual([]);
      await send('put', `/conferences/${c.id}/bridge-points/${p.body.id}/readiness`, {
        status: 'failed',
        note: 'Không có tiếng',
      }).expect(200);
      expect(await checks(c.id)).toEqual([
        expect.objectContaining({
          code: 'BRIDGE_POINT_TEST_FAILED',
          severity: 'error',
          message: expect.objectContaining({
            vi: 'Điểm cầu «Điểm cầu tỉnh» kiểm tra kết nối không đạt: Không có tiếng',
          }),
        }),
      ]);
    });

    it('sums up many points with the same gap in one check', async () => {
      const { conference } = await createScheduledConference(t, organizer.token, { points: 25 });
      const found = (await checks(conference.id)).filter((c) => c.code === 'BRIDGE_POINT_NO_COORDINATOR');
      expect(found).toEqual([
        expect.objectContaining({
          target: { type: 'conference', id: conference.id },
          message: { vi: '26 điểm cầu: chưa có người phụ trách.', en: '26 bridge points: no coordinator.' },
        }),
      ]);
      const empty = (await checks(conference.id)).filter((c) => c.code === 'BRIDGE_POINT_NO_COMPOSITION');
      expect(empty).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: { vi: '25 điểm cầu: chưa có thành phần tham dự.', en: '25 bridge points: no attendee composition.' },
        }),
      ]);
    });

    it('warns about a remote point whose composition is empty, until it has a rule', async () => {
      const c = await createConference(t, organizer.token);
      const complete = async () => ({
        meetingLink: 'https://hop.quangnam.gov.vn/p',
        coordinatorPersonId: await insertPerson(t, 'Điều phối viên'),
      });
      await send('post', `/conferences/${c.id}/bridge-points`, {
        role: 'host',
        name: 'Điểm cầu tỉnh',
        ...(await complete()),
      }).expect(201);
      const district = await insertUnit(t, { name: 'UBND huyện Đại Lộc', kind: 'district_committee' });
      const remote = await send('post', `/conferences/${c.id}/bridge-points`, {
        role: 'remote',
        name: 'Điểm cầu huyện Đại Lộc',
        unitId: district,
        ...(await complete()),
      });
      expect(await checks(c.id)).toEqual([
        {
          code: 'BRIDGE_POINT_NO_COMPOSITION',
          severity: 'warning',
          message: {
            vi: 'Điểm cầu «Điểm cầu huyện Đại Lộc» chưa có thành phần tham dự.',
            en: 'The bridge point «Điểm cầu huyện Đại Lộc» has no attendee composition.',
          },
          target: { type: 'bridge_point', id: remote.body.id },
        },
      ]);
      await send('post', `/conferences/${c.id}/composition/rules`, {
        site: { kind: 'bridge_point', id: remote.body.id },
        label: 'Lãnh đạo UBND huyện',
        units: { ids: [district] },
        everyone: true,
      }).expect(201);
      expect(await codes(c.id)).toEqual([]);
    });

    it('does not ask an in-person meeting for links', async () => {
      const c = await createConference(t, organizer.token, inPerson);
      await send('post', `/conferences/${c.id}/bridge-points`, { role: 'host', name: 'Hội trường' }).expect(201);
      expect(await codes(c.id)).toEqual([]);
    });
  });

  describe('presentations and tasks', () => {
    const codesOf = async (id: string, code: string) => (await checks(id)).filter((c) => c.code === code);

    it('finds a talk longer than its limit once the limit was lowered, until the slot is shortened', async () => {
      const c = await createConference(t, organizer.token, inPerson);
      await schedule(c.id, '2026-04-08T07:30:00+07:00', '2026-04-08T11:30:00+07:00');
      const unit = await insertUnit(t, { name: 'Sở Tư pháp', kind: 'department' });
      const paper = await send('post', `/conferences/${c.id}/presentations`, {
        unitId: unit,
        topic: 'Cải cách thể chế',
        talkMinutes: 10,
        due: 'chậm nhất ngày 24/03/2026',
      });
      expect(paper.status).toBe(201);
      const agenda = await send('post', `/conferences/${c.id}/agenda/slots`, {
        startsAt: '2026-04-08T09:00:00+07:00',
        durationMinutes: 10,
        title: 'Tham luận Sở Tư pháp',
        kind: 'presentation',
        presentationId: paper.body.id,
      });
      expect(agenda.status).toBe(201);
      const slot = agenda.body.slots[0];
      expect(await codesOf(c.id, 'AGENDA_TALK_OVER_LIMIT')).toEqual([]);
      await send('patch', `/presentations/${paper.body.id}`, { talkMinutes: 7 }).expect(200);
      expect(await codesOf(c.id, 'AGENDA_TALK_OVER_LIMIT')).toEqual([
        {
          code: 'AGENDA_TALK_OVER_LIMIT',
          severity: 'error',
          message: {
            vi: 'Trong chương trình hội nghị, «Tham luận Sở Tư pháp» dài 10 phút, quá thời gian trình bày tối đa 7 phút của tham luận.',
            en: "In the conference agenda, «Tham luận Sở Tư pháp» lasts 10 minutes, over the presentation's talk-time limit of 7 minutes.",
          },
          target: { type: 'agenda_slot', id: slot.id },
          related: [{ type: 'presentation', id: paper.body.id }],
        },
      ]);
      await send('patch', `/conferences/${c.id}/agenda/slots/${slot.id}`, { durationMinutes: 7 }).expect(200);
      expect(await codesOf(c.id, 'AGENDA_TALK_OVER_LIMIT')).toEqual([]);
    });

    it('warns about a task of the conference’s plan due after the conference, not about follow-ups written relative to it', async () => {
      const c = await createConference(t, organizer.token, {
        ...inPerson,
        window: { from: '2026-04-06', to: '2026-04-10' },
      });
      const plan = await send('post', '/plans', {
        title: 'Kế hoạch tổ chức Hội nghị',
        year: 2026,
        conferenceId: c.id,
        tasks: [
          { number: '1', content: 'Bố trí hội trường', due: 'Ngày 08/4/2026' },
          { number: '2', content: 'Gửi tài liệu hội nghị', due: 'trước ngày 10/4/2026' },
          { number: '3', content: 'Báo cáo kết quả hội nghị', due: 'sau 05 ngày kể từ ngày kết thúc Hội nghị' },
          { number: '4', content: 'Đặt phòng', due: 'Tháng 5 năm 2026', status: 'done' },
          { number: '5', content: 'Tổng hợp ý kiến', due: 'Tháng 5 năm 2026' },
        ],
      });
      expect(plan.status).toBe(201);
      const tasks = (await t.http().get(`/plans/${plan.body.id}/tasks`).set(auth(organizer.token))).body.items as {
        id: string;
        number: string;
      }[];
      const task = (n: string) => tasks.find((x) => x.number === n)!.id;
      // Only a window: task 5 (end of May) is after its last day, task 2 (by 9 April) is not.
      expect((await codesOf(c.id, 'TASK_DUE_AFTER_CONFERENCE')).map((x) => x.target.id)).toEqual([task('5')]);
      await schedule(c.id, '2026-04-08T07:30:00+07:00', '2026-04-08T11:30:00+07:00');
      const found = await codesOf(c.id, 'TASK_DUE_AFTER_CONFERENCE');
      expect(found.map((x) => x.target.id)).toEqual([task('2'), task('5')]);
      expect(found[0]).toEqual({
        code: 'TASK_DUE_AFTER_CONFERENCE',
        severity: 'warning',
        message: {
          vi: 'Nhiệm vụ 2 có hạn hết ngày 09/04/2026, sau ngày kết thúc hội nghị (08/4/2026).',
          en: 'Task 2 is due by the end of 9 April 2026, after the conference ends (8 April 2026).',
        },
        target: { type: 'task', id: task('2') },
        related: [{ type: 'plan', id: plan.body.id }],
      });
      await send('patch', `/plans/${plan.body.id}/tasks/${task('2')}`, { due: 'trước ngày 05/4/2026' }).expect(200);
      await send('patch', `/plans/${plan.body.id}/tasks/${task('5')}`, { status: 'done' }).expect(200);
      expect(await codesOf(c.id, 'TASK_DUE_AFTER_CONFERENCE')).toEqual([]);
    });
  });

  it('runs checks registered by other modules, and hides a conference from strangers', async () => {
    const registry = t.app.get(ConferenceChecks);
    registry.register(async (conferenceId) => [
      {
        code: 'PAPER_DUE_AFTER_CONFERENCE',
        severity: 'error',
        message: { vi: 'Hạn nộp tham luận sau hội nghị.', en: 'A paper is due after the conference.' },
        target: { type: 'presentation', id: conferenceId },
      },
    ]);
    const c = await createConference(t, organizer.token, inPerson);
    const res = await t.http().get(`/conferences/${c.id}/checks`).set(auth(organizer.token));
    expect(res.body).toMatchObject({
      conferenceId: c.id,
      counts: { error: 1, warning: 0, info: 0 },
      checks: [{ code: 'PAPER_DUE_AFTER_CONFERENCE' }],
    });
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(`/conferences/${c.id}/checks`).set(auth(stranger.token)).expect(404);
  });
});
