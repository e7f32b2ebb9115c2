import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';

/** Plans and tasks: changes, members, access, dues following the conference a plan organizes, and bad input on every endpoint. */
describe('Task plans', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let unitA: string;
  let unitB: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    unitA = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department' });
    unitB = await insertUnit(t, { name: 'Văn phòng UBND tỉnh', kind: 'committee_office' });
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch' | 'delete', url: string, body: object = {}, token = organizer.token) =>
    t.http()[method](url).set(auth(token)).send(body);
  const newPlan = async (body: object = {}) => {
    const res = await send('post', '/plans', {
      reference: '690/KH-UBND',
      title: 'Kế hoạch tổ chức Hội nghị',
      year: 2023,
      issuedOn: '2023-02-13',
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('changes a plan and its tasks; a new due is kept in the task’s due history', async () => {
    const plan = await newPlan({
      tasks: [{ number: '1', content: 'Chuẩn bị báo cáo', due: 'trước ngày 28/02/2023', leadUnitIds: [unitA] }],
    });
    const patched = await send('patch', `/plans/${plan.id}`, {
      title: 'Kế hoạch tổ chức Hội nghị trực tuyến',
      note: 'Ghi chú',
    });
    expect(patched.body).toMatchObject({
      title: 'Kế hoạch tổ chức Hội nghị trực tuyến',
      note: 'Ghi chú',
      taskCount: 1,
    });
    const [task] = (await t.http().get(`/plans/${plan.id}/tasks`).set(auth(organizer.token))).body.items;
    const changed = await send('patch', `/plans/${plan.id}/tasks/${task.id}`, {
      due: 'Ngày 30/10/2023',
      coordinatingUnitIds: [unitB],
      deliverable: 'Báo cáo',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      deliverable: 'Báo cáo',
      leadUnits: [{ id: unitA }],
      coordinatingUnits: [{ id: unitB }],
      dues: [{ kind: 'on_date', resolvesAt: '2023-10-31T00:00:00+07:00' }],
    });
    const history = await t.http().get(`/plans/${plan.id}/tasks/${task.id}/due-history`).set(auth(organizer.token));
    expect(
      history.body.items.map((h: { cause: string; to: { resolvesAt: string } }) => [h.cause, h.to.resolvesAt]),
    ).toEqual([
      ['created', '2023-02-28T00:00:00+07:00'],
      ['edited', '2023-10-31T00:00:00+07:00'],
    ]);
    const cleared = await send('patch', `/plans/${plan.id}/tasks/${task.id}`, { due: null });
    expect(cleared.body.dues).toEqual([]);
    await send('delete', `/plans/${plan.id}/tasks/${task.id}`).expect(204);
    expect((await t.http().get(`/plans/${plan.id}`).set(auth(organizer.token))).body.taskCount).toBe(0);
  });

  it('resolves a task due "3 days before the conference" once the plan organizes a scheduled conference, and follows it when it moves', async () => {
    const conference = await createConference(t, organizer.token);
    const plan = await newPlan({
      conferenceId: conference.id,
      tasks: [
        {
          number: '1',
          content: 'Sở Nội vụ tổng hợp tài liệu',
          due: 'trước 03 ngày diễn ra Hội nghị',
          leadUnitIds: [unitA],
        },
      ],
    });
    const tasks = () => t.http().get(`/plans/${plan.id}/tasks`).set(auth(organizer.token));
    expect((await tasks()).body.items[0].dues[0]).toMatchObject({
      kind: 'relative_to_event',
      resolvesAt: null,
      unresolved: true,
    });
    await send('post', `/conferences/${conference.id}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    expect((await tasks()).body.items[0].dues[0].resolvesAt).toBe('2023-03-06T00:00:00+07:00');
    await send('post', `/conferences/${conference.id}/postpone`, { reason: 'Chờ lịch lãnh đạo' }).expect(200);
    expect((await tasks()).body.items[0].dues[0].resolvesAt).toBeNull();
    await send('post', `/conferences/${conference.id}/schedule`, {
      startsAt: '2023-03-10T07:30:00+07:00',
      endsAt: '2023-03-10T11:30:00+07:00',
    }).expect(200);
    const task = (await tasks()).body.items[0];
    expect(task.dues[0].resolvesAt).toBe('2023-03-08T00:00:00+07:00');
    const history = await t.http().get(`/plans/${plan.id}/tasks/${task.id}/due-history`).set(auth(organizer.token));
    expect(history.body.items.map((h: { cause: string }) => h.cause)).toEqual([
      'created',
      'conference_scheduled',
      'conference_postponed',
      'conference_scheduled',
    ]);
    // Unlinking the plan leaves the due without an event again, recorded as such.
    await send('patch', `/plans/${plan.id}`, { conferenceId: null }).expect(200);
    expect((await tasks()).body.items[0].dues[0].resolvesAt).toBeNull();
    const after = await t.http().get(`/plans/${plan.id}/tasks/${task.id}/due-history`).set(auth(organizer.token));
    expect(after.body.items.at(-1).cause).toBe('plan_conference_changed');
  });

  it('lets owners manage members; observers read, strangers see nothing, the last owner stays', async () => {
    const plan = await newPlan();
    const colleague = await apiUser(t, 'organizer');
    const observer = await t.userToken('observer');
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(`/plans/${plan.id}`).set(auth(colleague.token)).expect(404);
    await send('post', `/plans/${plan.id}/members`, { userId: colleague.userId, role: 'organizer' }).expect(201);
    await send('post', `/plans/${plan.id}/members`, { userId: observer.userId, role: 'observer' }).expect(201);
    await send('post', `/plans/${plan.id}/tasks`, { number: '1', content: 'x' }, colleague.token).expect(201);
    await send('post', `/plans/${plan.id}/tasks`, { number: '2', content: 'x' }, observer.token).expect(403);
    await t.http().get(`/plans/${plan.id}/tasks`).set(auth(observer.token)).expect(200);
    await send(
      'post',
      `/plans/${plan.id}/members`,
      { userId: stranger.userId, role: 'organizer' },
      colleague.token,
    ).expect(403);
    const members = await t.http().get(`/plans/${plan.id}/members`).set(auth(organizer.token));
    expect(members.body.items.map((m: { role: string }) => m.role).sort()).toEqual(['observer', 'organizer', 'owner']);
    const last = await send('delete', `/plans/${plan.id}/members/${organizer.userId}`);
    expect(last.body).toMatchObject({ status: 409, code: 'LAST_OWNER' });
    const list = await t.http().get('/plans?year=2023&limit=500').set(auth(stranger.token));
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    await send('delete', `/plans/${plan.id}`, {}, colleague.token).expect(403);
    await send('delete', `/plans/${plan.id}`).expect(204);
    await t.http().get(`/plans/${plan.id}`).set(auth(organizer.token)).expect(404);
  });

  it('takes a partial plan date (YYYY-MM or YYYY) as a conference’s plan date does', async () => {
    const plan = await send('post', '/plans', {
      title: 'Kế hoạch tháng 12',
      year: 2023,
      issuedOn: '2022-12',
      tasks: [{ number: '1', content: 'Báo cáo', due: 'trước ngày 15/11/2022' }],
    });
    expect(plan.status).toBe(201);
    expect(plan.body.issuedOn).toBe('2022-12');
    expect(plan.body.warnings).toEqual([expect.objectContaining({ code: 'DUE_BEFORE_REFERENCE' })]);
    const yearOnly = await send('patch', `/plans/${plan.body.id}`, { issuedOn: '2024' });
    expect(yearOnly.status).toBe(200);
    expect(yearOnly.body.issuedOn).toBe('2024');
    const read = await t.http().get(`/plans/${plan.body.id}`).set(auth(organizer.token)).expect(200);
    expect(read.body.issuedOn).toBe('2024');
    const bad = await send('patch', `/plans/${plan.body.id}`, { issuedOn: '2023-13' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'issuedOn', rule: 'isPlanDate' })]);
  });

  it('refuses bad input on every plan and task endpoint, naming the field and rule', async () => {
    const plan = await newPlan({
      tasks: [
        { number: '1', content: 'Nhiệm vụ' },
        { number: '1.1', content: 'Nhiệm vụ con' },
      ],
    });
    const [parent] = (await t.http().get(`/plans/${plan.id}/tasks`).set(auth(organizer.token))).body.items;
    const bad = await send('patch', `/plans/${plan.id}`, {
      year: 'x',
      issuedOn: '2023-02-30',
      conferenceId: 'nope',
      extra: 1,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'conferenceId',
      'extra',
      'issuedOn',
      'year',
    ]);
    const duplicate = await send('post', `/plans/${plan.id}/tasks`, { number: '1', content: 'x' });
    expect(duplicate.body).toMatchObject({ status: 409, code: 'DUPLICATE', errors: [{ field: 'number' }] });
    const both = await send('post', `/plans/${plan.id}/tasks`, {
      number: '2',
      content: 'x',
      leadUnitIds: [unitA],
      coordinatingUnitIds: [unitA],
    });
    expect(both.body).toMatchObject({
      status: 422,
      errors: [{ field: 'coordinatingUnitIds[0]', rule: 'leadOrCoordinating' }],
    });
    const renumber = await send('patch', `/plans/${plan.id}/tasks/${parent.id}`, { number: '3' });
    expect(renumber.body).toMatchObject({ status: 409, code: 'TASK_HAS_SUBTASKS' });
    const remove = await send('delete', `/plans/${plan.id}/tasks/${parent.id}`);
    expect(remove.body).toMatchObject({ status: 409, code: 'TASK_HAS_SUBTASKS' });
    const contradiction = await send('patch', `/plans/${plan.id}/tasks/${parent.id}`, { due: 'trước ngày 30/02/2023' });
    expect(contradiction.body).toMatchObject({ status: 400, code: 'DUE_UNREADABLE', errors: [{ rule: 'day' }] });
    const structure = await send('patch', `/plans/${plan.id}/tasks/${parent.id}`, {
      due: { kind: 'quarter', year: 2023, quarter: 5 },
    });
    expect(structure.body).toMatchObject({ status: 422, errors: [{ field: 'due.quarter' }] });
    const progress = await send('post', `/plans/${plan.id}/tasks/${parent.id}/progress`, {
      text: '',
      percent: 120,
      dueMet: true,
    });
    expect(progress.status).toBe(422);
    expect(progress.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['percent', 'text']);
    const needsDue = await send('post', `/plans/${plan.id}/tasks/${parent.id}/progress`, { text: 'x', dueMet: true });
    expect(needsDue.body).toMatchObject({ status: 422, errors: [{ field: 'dueMet', rule: 'needsDue' }] });
    const foreignDue = await send('post', `/plans/${plan.id}/tasks/${parent.id}/progress`, {
      text: 'x',
      dueId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreignDue.body).toMatchObject({ status: 422, errors: [{ field: 'dueId', rule: 'reference' }] });
    const member = await send('post', `/plans/${plan.id}/members`, {
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'king',
    });
    expect(member.body.errors.map((e: { field: string }) => e.field)).toEqual(['role']);
    const noUser = await send('post', `/plans/${plan.id}/members`, {
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'organizer',
    });
    expect(noUser.body).toMatchObject({ status: 422, errors: [{ field: 'userId', rule: 'reference' }] });
    await t
      .http()
      .get(`/plans/${plan.id}/tasks/00000000-0000-4000-8000-000000000000`)
      .set(auth(organizer.token))
      .expect(404);
    await t.http().get(`/plans/${plan.id}/tasks/bad`).set(auth(organizer.token)).expect(404);
    const badQuery = await t.http().get('/plans?year=abc&limit=9999').set(auth(organizer.token));
    expect(badQuery.status).toBe(422);
    const missingConference = await send('post', '/plans', {
      title: 'x',
      year: 2023,
      conferenceId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missingConference.status).toBe(404);
  });
});
