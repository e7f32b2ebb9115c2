import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnits } from './support/conference-fixtures';
import { describeCalendar } from './support/calendar-checks';

const PAPERS = 20_000;
const UNITS = 200;

/**
 * GET /deadlines and a unit's feed over a province-sized year of papers (20,000 dues over 200
 * units), inserted with SQL; prints the times it measured. The bounds are generous (a shared
 * 2-core machine): they catch a query that stopped using its indexes, not a slow day.
 */
describe('Deadlines at scale', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: string[];

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-01-01T00:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertUnits(t, null, 'department', 'Sở', UNITS);
    const c = await createConference(t, organizer.token);
    const first = await t
      .http()
      .post(`/conferences/${c.id}/presentations`)
      .set(auth(organizer.token))
      .send({ unitId: units[0], topic: 'Mẫu', due: 'chậm nhất ngày 24/02/2023' });
    expect(first.status).toBe(201);
    // Each paper due at the end of one day of 2023, spread over the units.
    await t.dataSource.query(
      `WITH p AS (
         INSERT INTO presentation (conference_id, unit_id, topic)
         SELECT $1, ($2::uuid[])[1 + n % $3], 'Tham luận ' || n FROM generate_series(1, $4) n RETURNING id, topic)
       INSERT INTO due_entry (presentation_id, due, kind, precision, resolves_at)
       SELECT p.id, jsonb_set(d.due, '{resolvesAt}', to_jsonb(to_char(r.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'))),
              d.kind, d.precision, r.at
         FROM p CROSS JOIN (SELECT due, kind, precision FROM due_entry WHERE presentation_id = $5) d
         CROSS JOIN LATERAL (SELECT timestamptz '2023-01-02 00:00+07' + ((split_part(p.topic, ' ', 3)::int % 365) || ' days')::interval AS at) r`,
      [c.id, units, UNITS, PAPERS, first.body.id],
    );
    await t.dataSource.query('ANALYZE due_entry; ANALYZE presentation');
  }, 120_000);
  afterAll(() => t.close());

  const timed = async <T>(label: string, run: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    await run();
    const start = process.hrtime.bigint();
    const value = await run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(`${label}: ${ms.toFixed(1)} ms\n`);
    return { value, ms };
  };

  it('lists the soonest page and one unit’s deadlines', async () => {
    const page = await timed('GET /deadlines (first 50 of 20,001)', () =>
      t.http().get('/deadlines?limit=50').set(auth(organizer.token)),
    );
    expect(page.value.body.total).toBe(PAPERS + 1);
    expect(page.value.body.items[0].due.resolvesAt).toBe('2023-01-02T00:00:00+07:00');
    expect(page.ms).toBeLessThan(5_000);
    const unit = await timed('GET /deadlines?unitId= (100 of 20,001)', () =>
      t.http().get(`/deadlines?unitId=${units[7]}&limit=500`).set(auth(organizer.token)),
    );
    expect(unit.value.body.total).toBe(PAPERS / UNITS);
    expect(unit.ms).toBeLessThan(5_000);
  });

  it('serves a unit’s feed of 100 deadlines', async () => {
    const issued = await t.http().post(`/feeds/units/${units[7]}`).set(auth(organizer.token));
    const path = new URL(issued.body.url).pathname;
    const feed = await timed('GET /feeds/<unit>.ics (100 deadlines)', () => t.http().get(path));
    expect(describeCalendar(feed.value.text).events).toHaveLength(PAPERS / UNITS);
    expect(feed.ms).toBeLessThan(5_000);
  });
});
