import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, createScheduledConference } from './support/conference-fixtures';

/**
 * Every list answers `{ items, total, limit, offset }` and takes `limit` (1–500, default 50) and
 * `offset`, as the README says: the lists that used to answer bare arrays (or refuse `limit`) too.
 */
describe('list pages', () => {
  let t: TestApp;
  let owner: { token: string; userId: string };
  const lists: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    owner = await apiUser(t, 'organizer');
    const send = (method: 'post' | 'put', url: string, body: object) =>
      t.http()[method](url).set(auth(owner.token)).send(body);
    const ok = (res: { status: number; body: any }) => {
      if (![200, 201].includes(res.status)) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const online = await createScheduledConference(t, owner.token, { points: 2 });
    const id = online.conference.id as string;
    for (const [i, point] of online.points.entries())
      ok(
        await send('post', `/conferences/${id}/composition/rules`, {
          site: { kind: 'bridge_point', id: point.id },
          label: `Lãnh đạo ${i}`,
          units: { ids: [online.districtUnitIds[i]] },
          roles: ['head'],
        }),
      );
    for (const role of ['observer', 'organizer']) {
      const member = await apiUser(t, 'organizer');
      ok(await send('post', `/conferences/${id}/members`, { userId: member.userId, role }));
      const coordinator = await apiUser(t, 'organizer');
      ok(
        await send('put', `/conferences/${id}/site-coordinators/${coordinator.userId}`, {
          siteIds: [online.points[0].id],
        }),
      );
    }
    ok(
      await send('put', `/conferences/${id}/agenda-template`, {
        slots: [
          { offsetMinutes: 0, durationMinutes: 30, title: 'Đón tiếp', kind: 'reception' },
          { offsetMinutes: 30, durationMinutes: 30, title: 'Khai mạc', kind: 'opening' },
        ],
      }),
    );
    const roundtable = await createConference(t, owner.token, { kind: 'roundtable', format: 'in_person' });
    for (const n of [1, 2])
      ok(
        await send('post', `/conferences/${roundtable.id}/clusters`, {
          number: n,
          startsAt: `2026-04-0${n + 4}T13:30:00+07:00`,
          endsAt: `2026-04-0${n + 4}T17:00:00+07:00`,
        }),
      );
    const plan = ok(await send('post', '/plans', { title: 'Kế hoạch', year: 2026 }));
    ok(
      await send('post', `/plans/${plan.id}/members`, {
        userId: (await apiUser(t, 'organizer')).userId,
        role: 'observer',
      }),
    );
    for (const name of ['Đồng bộ nhân sự', 'Lịch họp']) ok(await send('post', '/auth/tokens', { name }));
    Object.assign(lists, {
      'API tokens': '/auth/tokens',
      'composition rules': `/conferences/${id}/composition/rules`,
      clusters: `/conferences/${roundtable.id}/clusters`,
      'conference members': `/conferences/${id}/members`,
      'plan members': `/plans/${plan.id}/members`,
      'site coordinators': `/conferences/${id}/site-coordinators`,
      'agenda template': `/conferences/${id}/agenda-template`,
      'unit kinds': '/units/kinds',
      'person roles': '/people/roles',
    });
  }, 120_000);
  afterAll(() => t.close());

  const get = (url: string) => t.http().get(url).set(auth(owner.token));

  it('answers every one of these lists as a page, 50 by default', async () => {
    for (const [name, url] of Object.entries(lists)) {
      const res = await get(url);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect({ name, keys: Object.keys(res.body).sort() }).toEqual({
        name,
        keys: ['items', 'limit', 'offset', 'total'],
      });
      expect({ name, limit: res.body.limit, offset: res.body.offset }).toEqual({ name, limit: 50, offset: 0 });
      expect({ name, total: res.body.total }).toEqual({ name, total: res.body.items.length });
      expect(res.body.total).toBeGreaterThanOrEqual(2);
    }
  });

  it('takes limit and offset on every one of them', async () => {
    for (const [name, url] of Object.entries(lists)) {
      const all = (await get(url)).body;
      const page = await get(`${url}?limit=1&offset=1`);
      expect({ name, status: page.status }).toEqual({ name, status: 200 });
      expect({ name, page: page.body }).toEqual({
        name,
        page: { items: [all.items[1]], total: all.total, limit: 1, offset: 1 },
      });
    }
  });

  it('refuses a limit out of 1–500 naming the field', async () => {
    for (const [name, url] of Object.entries(lists)) {
      for (const bad of ['limit=0', 'limit=501', 'offset=-1']) {
        const res = await get(`${url}?${bad}`);
        expect({ name, bad, status: res.status }).toEqual({ name, bad, status: 422 });
        expect(res.body.errors[0].field).toBe(bad.split('=')[0]);
      }
    }
  });
});
