import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertPerson, insertSeedDirectory } from './support/conference-fixtures';
import { makePdf } from './support/presentations';

/** GET /deadlines: papers and tasks together, soonest first, with filters and paging. */
describe('Deadlines', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;
  let conferenceId: string;
  let planId: string;
  let speakerId: string;
  const ids: Record<string, string> = {};

  const post = (url: string, body: object, token = organizer.token) => t.http().post(url).set(auth(token)).send(body);
  const deadlines = async (query: string, token = organizer.token) => {
    const res = await t.http().get(`/deadlines?${query}`).set(auth(token));
    expect(res.status).toBe(200);
    return res.body as {
      items: {
        id: string;
        title: string;
        source: string;
        status: string;
        overdue: boolean;
        due: { resolvesAt: string | null };
      }[];
      total: number;
      limit: number;
      offset: number;
    };
  };
  const titles = (body: { items: { title: string }[] }) => body.items.map((i) => i.title);

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-02-20T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
    speakerId = await insertPerson(t, 'Nguyễn Văn Tham Luận', 'tham.luan@quangnam.gov.vn');
    const c = await createConference(t, organizer.token, {
      title: 'Hội nghị CCHC 2022',
      window: { from: '2023-03-06', to: '2023-03-10' },
    });
    conferenceId = c.id;
    const paper = (unit: string, topic: string, due: string, extra: object = {}) =>
      post(`/conferences/${c.id}/presentations`, { unitId: units[unit], topic, due, ...extra }).then((r) => {
        expect(r.status).toBe(201);
        return r.body.id as string;
      });
    ids.justice = await paper('QNA.S.STP', 'Tham luận Sở Tư pháp', 'chậm nhất ngày 24/02/2023', {
      personId: speakerId,
    });
    ids.planning = await paper('QNA.S.SKHDT', 'Tham luận Sở KH&ĐT', 'chậm nhất ngày 24/02/2023');
    ids.earlier = await paper('QNA.D.NUITHANH', 'Tham luận Núi Thành', 'trước ngày 18/02/2023');
    ids.compiled = await paper('QNA.S.SNV', 'Tổng hợp tài liệu', 'trước 03 ngày diễn ra Hội nghị');
    const plan = await post('/plans', {
      title: 'Kế hoạch 5484',
      year: 2023,
      tasks: [
        {
          number: '1',
          content: 'Hướng dẫn triển khai',
          due: 'Trước ngày 01/3/2023',
          leadUnitIds: [units['QNA.S.SNV']],
        },
        { number: '2', content: 'Báo cáo tháng', due: 'Định kỳ hàng tháng', coordinatingUnitIds: [units['QNA.S.STP']] },
        {
          number: '3',
          content: 'Phê duyệt kết quả',
          due: 'Ngày 15/11/2023',
          leadUnitIds: [units['QNA.S.SNV']],
          status: 'done',
        },
      ],
    });
    planId = plan.body.id;
  });
  afterAll(() => t.close());

  it('lists papers and tasks together, soonest first, unresolved and recurring last', async () => {
    const all = await deadlines('limit=50');
    expect(all.total).toBe(7);
    expect(titles(all)).toEqual([
      'Tham luận Núi Thành', // 18/02 (overdue)
      'Tham luận Sở KH&ĐT',
      'Tham luận Sở Tư pháp', // 24/02
      '1. Hướng dẫn triển khai', // 28/02
      '3. Phê duyệt kết quả', // 15/11 (met)
      'Tổng hợp tài liệu',
      '2. Báo cáo tháng', // no single instant: papers, then tasks
    ]);
    expect(all.items.map((i) => i.status)).toEqual([
      'overdue',
      'open',
      'open',
      'open',
      'met',
      'unresolved',
      'recurring',
    ]);
    expect(all.items[6]).toMatchObject({ nextOccurrence: '2023-03-01T00:00:00+07:00' });
    expect(all.items[0]).toMatchObject({
      source: 'presentation',
      overdue: true,
      units: [{ id: units['QNA.D.NUITHANH'], role: 'presenting' }],
    });
    expect(all.items[3]).toMatchObject({
      source: 'task',
      task: { planId, number: '1' },
      units: [{ id: units['QNA.S.SNV'], role: 'lead' }],
    });
  });

  it('filters by unit, person, conference, plan, due before/after, overdue and status', async () => {
    expect(titles(await deadlines(`unitId=${units['QNA.S.SNV']}`))).toEqual([
      '1. Hướng dẫn triển khai',
      '3. Phê duyệt kết quả',
      'Tổng hợp tài liệu',
    ]);
    // A coordinating unit sees the task too.
    expect(titles(await deadlines(`unitId=${units['QNA.S.STP']}`))).toEqual([
      'Tham luận Sở Tư pháp',
      '2. Báo cáo tháng',
    ]);
    expect(titles(await deadlines(`personId=${speakerId}`))).toEqual(['Tham luận Sở Tư pháp']);
    expect((await deadlines(`conferenceId=${conferenceId}`)).total).toBe(4);
    expect((await deadlines(`planId=${planId}`)).total).toBe(3);
    expect(titles(await deadlines(`dueBefore=${encodeURIComponent('2023-02-25T00:00:00+07:00')}`))).toEqual([
      'Tham luận Núi Thành',
      'Tham luận Sở KH&ĐT',
      'Tham luận Sở Tư pháp',
    ]);
    expect(
      titles(
        await deadlines(
          `dueAfter=${encodeURIComponent('2023-02-25T00:00:00+07:00')}&dueBefore=${encodeURIComponent('2023-12-01T00:00:00+07:00')}`,
        ),
      ),
    ).toEqual(['1. Hướng dẫn triển khai', '3. Phê duyệt kết quả']);
    expect(titles(await deadlines('overdue=true'))).toEqual(['Tham luận Núi Thành']);
    expect((await deadlines('overdue=false')).total).toBe(6);
    expect(titles(await deadlines('status=unresolved'))).toEqual(['Tổng hợp tài liệu']);
    expect(titles(await deadlines('status=met'))).toEqual(['3. Phê duyệt kết quả']);
  });

  it('pages like other lists', async () => {
    const page = await deadlines('limit=2&offset=1');
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 1 });
    expect(titles(page)).toEqual(['Tham luận Sở KH&ĐT', 'Tham luận Sở Tư pháp']);
  });

  it('follows time, submissions and the conference schedule', async () => {
    await t
      .http()
      .post(`/presentations/${ids.planning}/submissions`)
      .set(auth(organizer.token))
      .attach('file', await makePdf(5), 'p.pdf')
      .expect(201);
    t.clock.set('2023-02-26T02:00:00Z');
    expect(titles(await deadlines('overdue=true'))).toEqual(['Tham luận Núi Thành', 'Tham luận Sở Tư pháp']);
    await post(`/conferences/${conferenceId}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    const compiled = (await deadlines(`unitId=${units['QNA.S.SNV']}&status=open`)).items;
    expect(compiled.map((i) => [i.title, i.due.resolvesAt])).toEqual([
      ['1. Hướng dẫn triển khai', '2023-03-01T00:00:00+07:00'],
      ['Tổng hợp tài liệu', '2023-03-06T00:00:00+07:00'],
    ]);
    t.clock.set('2023-02-20T02:00:00Z');
  });

  it('shows each caller only what they may see', async () => {
    const stranger = await apiUser(t, 'organizer');
    expect((await deadlines('limit=50', stranger.token)).total).toBe(0);
    const admin = await t.adminToken();
    expect((await deadlines('limit=50', admin)).total).toBe(7);
  });

  it('refuses bad filters, naming each', async () => {
    const res = await t
      .http()
      .get('/deadlines?dueBefore=2023-02-25&unitId=x&status=late&overdue=maybe&limit=0')
      .set(auth(organizer.token));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'dueBefore',
      'limit',
      'overdue',
      'status',
      'unitId',
    ]);
    await t.http().get('/deadlines').expect(401);
  });
});
