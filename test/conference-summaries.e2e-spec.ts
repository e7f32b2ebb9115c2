import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { invitationWorld, invite } from './support/invitations';

describe('Conference summaries (the console’s list)', () => {
  let t: TestApp;
  let organizer: string;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = (await apiUser(t, 'organizer')).token;
  });
  afterAll(() => t.close());

  const list = (token: string, query: Record<string, string | number> = {}) =>
    t.http().get('/conference-summaries').query(query).set(auth(token));

  it('counts each conference’s bridge points, invitees and answers in its line', async () => {
    const world = await invitationWorld(
      t,
      [
        { key: 'a', name: 'Lê Văn An', at: 0 },
        { key: 'b', name: 'Trần Thị Bình', at: 1 },
        { key: 'c', name: 'Phạm Văn Cường', at: 2 },
      ],
      { title: 'Hội nghị đếm điểm cầu và thành phần' },
    );
    const invitations = [];
    for (const [key, point] of [
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ] as const) {
      invitations.push(await invite(t, world, key, world.points[point].id));
    }
    await t.dataSource.query(`UPDATE invitation SET answer = 'accepted', answered_at = now() WHERE id = $1`, [
      invitations[0].id,
    ]);
    await t.dataSource.query(`UPDATE invitation SET withdrawn_at = now() WHERE id = $1`, [invitations[2].id]);
    const res = await list(world.token, { q: 'đếm điểm cầu' }).expect(200);
    expect(res.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(res.body.items[0]).toMatchObject({
      id: world.conference.id,
      status: 'scheduled',
      startsAt: '2026-04-08T07:30:00+07:00',
      counts: { bridgePoints: 4, invitees: 2, answers: 1 },
    });
  });

  it('finds by words of the title or plan reference, in any order, with or without accents', async () => {
    const made = await createConference(t, organizer, {
      title: 'Tọa đàm chuyển đổi số Quảng Nam',
      plan: { reference: '731/KH-UBND' },
    });
    for (const q of ['quang nam chuyen doi', 'Chuyển đổi số', 'TOA DAM', '731/kh']) {
      const res = await list(organizer, { q }).expect(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([made.id]);
    }
    const none = await list(organizer, { q: 'hà nội' }).expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('filters by status and by year (confirmed start, else window, else plan date)', async () => {
    const { token } = await apiUser(t, 'organizer');
    const byWindow = await createConference(t, token, { window: { from: '2027-03-02', to: '2027-03-05' } });
    const byPlan = await createConference(t, token, { plan: { issuedOn: '2027-02' } });
    await createConference(t, token, { window: { from: '2028-01-02', to: '2028-01-05' } });
    const cancelled = await createConference(t, token, {});
    await t.http().post(`/conferences/${cancelled.id}/cancel`).set(auth(token)).send({ reason: 'thử' }).expect(200);
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id).sort();
    expect(ids(await list(token, { year: 2027 }).expect(200))).toEqual([byWindow.id, byPlan.id].sort());
    const cancelledOnly = await list(token, { status: 'cancelled' }).expect(200);
    expect(ids(cancelledOnly)).toEqual([cancelled.id]);
  });

  it('pages, newest first, with the total of all matches', async () => {
    const { token } = await apiUser(t, 'organizer');
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await createConference(t, token, { title: `Hội nghị trang ${i}` }));
    const first = await list(token, { limit: 2, offset: 0 }).expect(200);
    const second = await list(token, { limit: 2, offset: 2 }).expect(200);
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.body.items.map((c: { title: string }) => c.title)).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);
    const all = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(all)).toEqual(new Set(made.map((c) => c.id)));
    const beyond = await list(token, { limit: 2, offset: 10 }).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 3 });
  });

  it('shows an organizer only the conferences they belong to', async () => {
    const { token } = await apiUser(t, 'organizer');
    const res = await list(token).expect(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses a bad year or status at its field', async () => {
    const res = await list(organizer, { year: 'abc', status: 'lost' });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['status', 'year']);
  });
});
