import { ReminderPlanner } from '../src/reminders/reminder-planner';
import { createTestApp, TestApp } from './support/app';
import {
  apiUser,
  auth,
  createConference,
  createScheduledConference,
  insertPerson,
  insertUnit,
} from './support/conference-fixtures';
import { FakeClock } from './support/fake-clock';

interface CheckBody {
  code: string;
  severity: string;
  message: { vi: string; en: string };
  target: { type: string; id: string };
  related?: { type: string; id: string }[];
}

/** The linter's checks of issue 16, each on a world that triggers it, then fixed. */
describe('Conference checks: the linter', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-20T00:30:00Z') });
    organizer = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'put', path: string, body?: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const found = async (id: string, code: string): Promise<CheckBody[]> => {
    const res = await t.http().get(`/conferences/${id}/checks`).set(auth(organizer.token));
    expect(res.status).toBe(200);
    return (res.body.checks as CheckBody[]).filter((c) => c.code === code);
  };

  it('CLUSTER_HOST_NOT_MEMBER: a cluster whose host is not among its units, until it is', async () => {
    const c = await createConference(t, organizer.token, { kind: 'roundtable', format: 'in_person' });
    await send('put', `/conferences/${c.id}/agenda-template`, {
      slots: [{ offsetMinutes: 0, durationMinutes: 210, title: 'Tọa đàm', kind: 'discussion' }],
    }).expect(200);
    const host = await insertUnit(t, { name: 'UBND huyện Vĩnh Thạnh', kind: 'district_committee' });
    const member = await insertUnit(t, { name: 'UBND huyện Cờ Đỏ', kind: 'district_committee' });
    const cluster = await send('post', `/conferences/${c.id}/clusters`, {
      number: 1,
      startsAt: '2026-04-05T13:30:00+07:00',
      unitIds: [member],
      hostUnitId: host,
    }).expect(201);
    expect(await found(c.id, 'CLUSTER_HOST_NOT_MEMBER')).toEqual([
      {
        code: 'CLUSTER_HOST_NOT_MEMBER',
        severity: 'warning',
        message: {
          vi: 'Đơn vị chủ trì cụm 1 (UBND huyện Vĩnh Thạnh) không có trong các đơn vị tham gia cụm.',
          en: "The host of cluster 1 (UBND huyện Vĩnh Thạnh) is not among the cluster's participating units.",
        },
        target: { type: 'cluster', id: cluster.body.id },
        related: [{ type: 'unit', id: host }],
      },
    ]);
    await send('patch', `/conferences/${c.id}/clusters/${cluster.body.id}`, { unitIds: [member, host] }).expect(200);
    expect(await found(c.id, 'CLUSTER_HOST_NOT_MEMBER')).toEqual([]);
  });

  it('PERSON_DOUBLE_BOOKED: one person invited to two conferences at the same time, not once one moves', async () => {
    const a = await createScheduledConference(t, organizer.token, { points: 0 });
    const b = await createScheduledConference(t, organizer.token, {
      points: 0,
      startsAt: '2026-04-08T09:00:00+07:00',
      endsAt: '2026-04-08T10:00:00+07:00',
    });
    const person = await insertPerson(t, 'Nguyễn Văn Bận', 'ban.linter@convene.test');
    const other = await insertPerson(t, 'Trần Thị Rảnh', 'ranh.linter@convene.test');
    const mine = await send('post', `/conferences/${a.conference.id}/invitations`, {
      personId: person,
      siteId: a.hostPoint.id,
    }).expect(201);
    await send('post', `/conferences/${a.conference.id}/invitations`, {
      personId: other,
      siteId: a.hostPoint.id,
    }).expect(201);
    await send('post', `/conferences/${b.conference.id}/invitations`, {
      personId: person,
      siteId: b.hostPoint.id,
    }).expect(201);
    expect(await found(a.conference.id, 'PERSON_DOUBLE_BOOKED')).toEqual([
      {
        code: 'PERSON_DOUBLE_BOOKED',
        severity: 'warning',
        message: {
          vi: 'Nguyễn Văn Bận được mời dự hội nghị và đồng thời một cuộc họp khác cùng lúc.',
          en: 'Nguyễn Văn Bận is invited to the conference and to another meeting at the same time.',
        },
        target: { type: 'invitation', id: mine.body.id },
        related: [{ type: 'person', id: person }],
      },
    ]);
    expect((await found(b.conference.id, 'PERSON_DOUBLE_BOOKED')).map((x) => x.related)).toEqual([
      [{ type: 'person', id: person }],
    ]);
    await send('post', `/conferences/${b.conference.id}/schedule`, {
      startsAt: '2026-04-08T13:30:00+07:00',
      endsAt: '2026-04-08T16:30:00+07:00',
    }).expect(200);
    expect(await found(a.conference.id, 'PERSON_DOUBLE_BOOKED')).toEqual([]);
    expect(await found(b.conference.id, 'PERSON_DOUBLE_BOOKED')).toEqual([]);
  });

  it('POINT_NAME_DUPLICATE: two points named alike (case, tone marks, spaces), until one is renamed', async () => {
    const c = await createScheduledConference(t, organizer.token, { points: 0 });
    const unit = await insertUnit(t, { name: 'UBND thị xã Điện Bàn', kind: 'district_committee' });
    const twin = await send('post', `/conferences/${c.conference.id}/bridge-points`, {
      role: 'remote',
      name: '  điểm cầu  TINH ',
      unitId: unit,
    }).expect(201);
    expect(await found(c.conference.id, 'POINT_NAME_DUPLICATE')).toEqual([
      {
        code: 'POINT_NAME_DUPLICATE',
        severity: 'warning',
        message: {
          vi: expect.stringMatching(/^2 điểm cầu cùng tên «.+»\.$/),
          en: expect.stringMatching(/^2 bridge points have the same name «.+»\.$/),
        },
        target: { type: 'bridge_point', id: twin.body.id },
        related: [{ type: 'bridge_point', id: c.hostPoint.id }],
      },
    ]);
    await send('patch', `/conferences/${c.conference.id}/bridge-points/${twin.body.id}`, {
      name: 'Điểm cầu thị xã Điện Bàn',
    }).expect(200);
    expect(await found(c.conference.id, 'POINT_NAME_DUPLICATE')).toEqual([]);
  });

  it('POINT_NAME_DUPLICATE: over 20 names used twice are summed up in one check on the conference', async () => {
    const c = await createScheduledConference(t, organizer.token, { points: 21 });
    for (const [i, point] of c.points.entries()) {
      const unit = await insertUnit(t, { name: `UBND xã trùng tên ${i}`, kind: 'commune_committee' });
      await send('post', `/conferences/${c.conference.id}/bridge-points`, {
        role: 'remote',
        name: point.name,
        unitId: unit,
      }).expect(201);
    }
    expect(await found(c.conference.id, 'POINT_NAME_DUPLICATE')).toEqual([
      {
        code: 'POINT_NAME_DUPLICATE',
        severity: 'warning',
        message: {
          vi: '21 tên điểm cầu được dùng cho nhiều điểm cầu.',
          en: '21 point names are each used by more than one bridge point.',
        },
        target: { type: 'conference', id: c.conference.id },
      },
    ]);
  });

  it('REMINDER_OFFSET_PAST: a reminder offset already past when planned, until the offset is removed', async () => {
    t.clock.set('2026-04-06T12:00:00Z');
    const c = await createScheduledConference(t, organizer.token, { points: 0 });
    const planner = t.app.get(ReminderPlanner);
    await planner.reconcile(t.clock.now(), { conferenceId: c.conference.id });
    expect(await found(c.conference.id, 'REMINDER_OFFSET_PAST')).toEqual([
      {
        code: 'REMINDER_OFFSET_PAST',
        severity: 'warning',
        message: {
          vi: 'Nhắc hẹn 3 ngày trước hội nghị (07 giờ 30 phút, Chủ nhật, ngày 05/4/2026) đã qua khi được lập lịch nên sẽ không được gửi.',
          en: 'The reminder 3 days before the conference (07:30, Sunday 5 April 2026) was already past when planned and will not be sent.',
        },
        target: { type: 'conference', id: c.conference.id },
      },
    ]);
    await send('put', `/conferences/${c.conference.id}/reminder-settings`, { conference: ['P1D', 'PT2H'] }).expect(200);
    await planner.reconcile(t.clock.now(), { conferenceId: c.conference.id });
    expect(await found(c.conference.id, 'REMINDER_OFFSET_PAST')).toEqual([]);
    t.clock.set('2026-03-20T00:30:00Z');
  });

  describe('the task plan organizing the conference', () => {
    async function planWith(tasks: object[]) {
      const c = await createConference(t, organizer.token, { format: 'in_person' });
      const plan = await send('post', '/plans', {
        title: 'Kế hoạch tổ chức Hội nghị',
        year: 2026,
        conferenceId: c.id,
        tasks,
      });
      expect(plan.status).toBe(201);
      const items = (await t.http().get(`/plans/${plan.body.id}/tasks`).set(auth(organizer.token))).body.items as {
        id: string;
        number: string;
      }[];
      return {
        conferenceId: c.id,
        planId: plan.body.id as string,
        task: (n: string) => items.find((x) => x.number === n)!.id,
      };
    }

    it('TASK_DUE_AFTER_YEAR: a due after the plan’s year, not one on its last day', async () => {
      const p = await planWith([
        { number: '1', content: 'Tổng kết năm', due: 'trước ngày 31/12/2026', leadText: 'Sở Nội vụ' },
        { number: '2', content: 'Báo cáo kết quả', due: 'Quý I năm 2027', leadText: 'Sở Nội vụ' },
      ]);
      expect(await found(p.conferenceId, 'TASK_DUE_AFTER_YEAR')).toEqual([
        {
          code: 'TASK_DUE_AFTER_YEAR',
          severity: 'warning',
          message: {
            vi: expect.stringContaining('sau năm của kế hoạch (2026)'),
            en: expect.stringContaining("after the plan's year (2026)"),
          },
          target: { type: 'task', id: p.task('2') },
          related: [{ type: 'plan', id: p.planId }],
        },
      ]);
      await send('patch', `/plans/${p.planId}/tasks/${p.task('2')}`, { due: 'Tháng 12 năm 2026' }).expect(200);
      expect(await found(p.conferenceId, 'TASK_DUE_AFTER_YEAR')).toEqual([]);
    });

    it('TASK_NO_LEAD: a task with no lead of its own nor from a parent, until it gets one', async () => {
      const lead = await insertUnit(t, { name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department' });
      const p = await planWith([
        { number: '1', content: 'Chuẩn bị hội trường', leadUnitIds: [lead] },
        { number: '1.1', content: 'Âm thanh, ánh sáng' },
        { number: '2', content: 'Gửi giấy mời' },
        { number: '3', content: 'Đưa tin', leadText: 'Đài Phát thanh và Truyền hình tỉnh' },
      ]);
      expect(await found(p.conferenceId, 'TASK_NO_LEAD')).toEqual([
        {
          code: 'TASK_NO_LEAD',
          severity: 'warning',
          message: { vi: 'Nhiệm vụ 2 chưa có đơn vị chủ trì.', en: 'Task 2 has no lead unit.' },
          target: { type: 'task', id: p.task('2') },
          related: [{ type: 'plan', id: p.planId }],
        },
      ]);
      await send('patch', `/plans/${p.planId}/tasks/${p.task('2')}`, { leadUnitIds: [lead] }).expect(200);
      expect(await found(p.conferenceId, 'TASK_NO_LEAD')).toEqual([]);
    });

    it('duplicate numbering cannot be stored: a second "1" (written "01.") is refused, naming the field', async () => {
      const p = await planWith([{ number: '1', content: 'Chuẩn bị tài liệu', leadText: 'Văn phòng' }]);
      const res = await send('post', `/plans/${p.planId}/tasks`, {
        number: '01.',
        content: 'Trùng số',
        leadText: 'Văn phòng',
      });
      expect(res.status).toBe(409);
      expect(JSON.stringify(res.body)).toContain('number');
    });
  });

  it('GET /plans/:planId/checks: the task-plan checks of a plan with no conference, hidden from strangers', async () => {
    const plan = await send('post', '/plans', {
      title: 'Kế hoạch cải cách hành chính',
      year: 2026,
      issuedOn: '2026-02-13',
      tasks: [
        { number: '1', content: 'Rà soát thủ tục', due: 'trước ngày 31/01/2026', leadText: 'Sở Tư pháp' },
        { number: '2', content: 'Báo cáo tổng kết', due: 'Tháng 01 năm 2027' },
      ],
    }).expect(201);
    const items = (await t.http().get(`/plans/${plan.body.id}/tasks`).set(auth(organizer.token))).body.items as {
      id: string;
      number: string;
    }[];
    const task = (n: string) => items.find((x) => x.number === n)!.id;
    const get = () => t.http().get(`/plans/${plan.body.id}/checks`).set(auth(organizer.token)).expect(200);
    const body = (await get()).body;
    expect(body.planId).toBe(plan.body.id);
    expect(body.counts).toEqual({ error: 0, warning: 3, info: 0 });
    expect(body.checks.map((c: CheckBody) => [c.code, c.target])).toEqual([
      ['DUE_BEFORE_REFERENCE', { type: 'task', id: task('1') }],
      ['TASK_DUE_AFTER_YEAR', { type: 'task', id: task('2') }],
      ['TASK_NO_LEAD', { type: 'task', id: task('2') }],
    ]);
    expect(body.checks[2].message).toEqual({
      vi: 'Nhiệm vụ 2 chưa có đơn vị chủ trì.',
      en: 'Task 2 has no lead unit.',
    });
    await send('patch', `/plans/${plan.body.id}/tasks/${task('1')}`, { due: 'trước ngày 31/3/2026' }).expect(200);
    await send('patch', `/plans/${plan.body.id}/tasks/${task('2')}`, {
      due: 'Tháng 12 năm 2026',
      leadText: 'Văn phòng UBND tỉnh',
    }).expect(200);
    expect((await get()).body).toEqual({ planId: plan.body.id, counts: { error: 0, warning: 0, info: 0 }, checks: [] });
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(`/plans/${plan.body.id}/checks`).set(auth(stranger.token)).expect(404);
  });
});
