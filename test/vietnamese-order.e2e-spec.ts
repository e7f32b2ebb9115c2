import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';
import { insertPersonAt } from './support/invitations';

/** Names as people write them, shuffled; and the order a Vietnamese reader expects (A Ă Â B … D Đ …). */
const NAMES = ['Điện Bàn', 'Anh', 'Duy Xuyên', 'Bắc Trà My', 'Ân', 'Đại Lộc'];
const VIETNAMESE_ORDER = ['Anh', 'Ân', 'Bắc Trà My', 'Duy Xuyên', 'Đại Lộc', 'Điện Bàn'];

/** Lists sorted by a name or title follow Vietnamese alphabetical order (an ICU collation), not byte order. */
describe('Vietnamese order of names', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let province: string;
  const get = (url: string) => t.http().get(url).set(auth(organizer.token)).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    province = await insertUnit(t, { name: 'Tỉnh Quảng Nam', kind: 'provincial_committee' });
  });
  afterAll(() => t.close());

  it('has the ICU collation in the database it runs on', async () => {
    const rows = await t.dataSource.query(`SELECT collname FROM pg_collation WHERE collprovider = 'i'`);
    expect(rows.map((r: { collname: string }) => r.collname)).toContain('vietnamese');
  });

  it('lists units, children and descendants in Vietnamese order', async () => {
    const parent = await insertUnit(t, { name: 'Các huyện', kind: 'working_group', parentId: province });
    for (const name of NAMES)
      await insertUnit(t, { name: `Huyện ${name}`, kind: 'district_committee', parentId: parent });
    const expected = VIETNAMESE_ORDER.map((n) => `Huyện ${n}`);
    const names = (body: { items: { name: string }[] }) => body.items.map((u) => u.name);
    expect(names((await get(`/units?parentId=${parent}`)).body)).toEqual(expected);
    expect(names((await get(`/units/${parent}/children`)).body)).toEqual(expected);
    expect(names((await get(`/units/${parent}/descendants`)).body)).toEqual(expected);
  });

  it('lists people in Vietnamese order', async () => {
    const unit = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department', parentId: province });
    for (const [i, name] of NAMES.entries())
      await insertPersonAt(t, `Nguyễn ${name}`, `nguoi${i}@order.test`, unit, 'Chuyên viên');
    const res = await get(`/people?withinUnitId=${unit}`);
    expect(res.body.items.map((p: { fullName: string }) => p.fullName)).toEqual(
      VIETNAMESE_ORDER.map((n) => `Nguyễn ${n}`),
    );
  });

  it('lists bridge points and invitations in Vietnamese order', async () => {
    const conference = await createConference(t, organizer.token, { title: 'Hội nghị thứ tự' });
    const post = (url: string, body: object) => t.http().post(url).set(auth(organizer.token)).send(body);
    const host = await insertUnit(t, { name: 'Văn phòng UBND tỉnh', kind: 'committee_office', parentId: province });
    await post(`/conferences/${conference.id}/bridge-points`, { role: 'host', name: 'Điểm cầu tỉnh', unitId: host });
    let site = '';
    for (const name of NAMES) {
      const unit = await insertUnit(t, { name: `UBND huyện ${name}`, kind: 'district_committee', parentId: province });
      const point = await post(`/conferences/${conference.id}/bridge-points`, {
        name: `Điểm cầu ${name}`,
        unitId: unit,
      });
      expect(point.status).toBe(201);
      site ||= point.body.id;
    }
    const points = await get(`/conferences/${conference.id}/bridge-points?limit=500`);
    expect(
      points.body.items.filter((p: { role: string }) => p.role !== 'host').map((p: { name: string }) => p.name),
    ).toEqual(VIETNAMESE_ORDER.map((n) => `Điểm cầu ${n}`));
    for (const [i, name] of NAMES.entries()) {
      const person = await insertPersonAt(t, `Trần ${name}`, `moi${i}@order.test`, host, 'Chuyên viên');
      await post(`/conferences/${conference.id}/invitations`, { personId: person, siteId: site }).expect(201);
    }
    const invitations = await get(`/conferences/${conference.id}/invitations`);
    expect(invitations.body.items.map((i: { person: { fullName: string } }) => i.person.fullName)).toEqual(
      VIETNAMESE_ORDER.map((n) => `Trần ${n}`),
    );
  });

  it('keeps every listed name and title column in that collation', async () => {
    const rows: { table_name: string; column_name: string; collation_name: string | null }[] = await t.dataSource
      .query(`SELECT table_name, column_name, collation_name FROM information_schema.columns
               WHERE table_schema = 'public' AND (table_name, column_name) IN
                 (('unit', 'name'), ('person', 'full_name'), ('conference', 'title'), ('bridge_point', 'name'),
                  ('cluster', 'name'), ('plan', 'title'), ('presentation', 'topic'), ('app_user', 'display_name'))`);
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.collation_name !== 'vietnamese')).toEqual([]);
    const sorted = await t.dataSource.query(
      `SELECT title FROM (VALUES ${NAMES.map((_, i) => `($${i + 1}::text COLLATE vietnamese)`).join(', ')}) v(title) ORDER BY title`,
      NAMES,
    );
    expect(sorted.map((r: { title: string }) => r.title)).toEqual(VIETNAMESE_ORDER);
  });
});
