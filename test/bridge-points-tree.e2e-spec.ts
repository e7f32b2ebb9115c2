import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertPerson, insertUnit } from './support/conference-fixtures';

/**
 * The list as the console's tree reads it: the top level (parentId=root), one branch at a time,
 * each row with its child count, parent name and coordinator; a search by name at any depth,
 * accents optional; a wrong parameter is a 422 naming it.
 */
describe('Bridge points as a tree', () => {
  let t: TestApp;
  let token: string;
  let conferenceId: string;
  const ids: Record<string, string> = {};
  let coordinator: string;

  const points = () => `/conferences/${conferenceId}/bridge-points`;
  const list = (params: string) => t.http().get(`${points()}?${params}`).set(auth(token));
  const add = async (key: string, body: object) => {
    const res = await t.http().post(points()).set(auth(token)).send(body).expect(201);
    ids[key] = res.body.id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    token = (await apiUser(t, 'organizer')).token;
    conferenceId = (await createConference(t, token)).id;
    coordinator = await insertPerson(t, 'Trần Thị Điều Phối');
    await add('host', { role: 'host', name: 'Điểm cầu tỉnh Quảng Nam' });
    const unitId = await insertUnit(t, { name: 'UBND huyện Duy Xuyên', kind: 'district_committee' });
    await add('duyXuyen', { name: 'Điểm cầu huyện Duy Xuyên', unitId, coordinatorPersonId: coordinator });
    await add('nuiThanh', { name: 'Điểm cầu huyện Núi Thành' });
    await add('tamNghia', { name: 'Điểm cầu xã Tam Nghĩa', parentId: ids.nuiThanh });
    await add('tamHiep', { name: 'Điểm cầu xã Tam Hiệp', parentId: ids.nuiThanh });
    await add('thon', { name: 'Điểm cầu thôn Đông Tam Nghĩa', parentId: ids.tamNghia });
    await add('loose', { name: 'Điểm cầu độc lập', parentId: null });
  });
  afterAll(() => t.close());

  it('answers the top level for parentId=root, each row with its child count', async () => {
    const res = await list('parentId=root').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((p: { name: string; childCount: number }) => [p.name, p.childCount])).toEqual([
      ['Điểm cầu độc lập', 0],
      ['Điểm cầu tỉnh Quảng Nam', 2],
    ]);
  });

  it('answers one branch, in Vietnamese order, with the parent’s name and the coordinator', async () => {
    const res = await list(`parentId=${ids.host}`).expect(200);
    expect(res.body.items).toMatchObject([
      {
        id: ids.duyXuyen,
        childCount: 0,
        parentName: 'Điểm cầu tỉnh Quảng Nam',
        unitName: 'UBND huyện Duy Xuyên',
        coordinator: { personId: coordinator, fullName: 'Trần Thị Điều Phối' },
      },
      { id: ids.nuiThanh, childCount: 2, parentName: 'Điểm cầu tỉnh Quảng Nam', unitName: null, coordinator: null },
    ]);
    const deeper = await list(`parentId=${ids.tamNghia}`).expect(200);
    expect(deeper.body).toMatchObject({ total: 1, items: [{ id: ids.thon, depth: 3, childCount: 0 }] });
  });

  it('pages a branch on the server', async () => {
    const first = await list(`parentId=${ids.nuiThanh}&limit=1`).expect(200);
    const second = await list(`parentId=${ids.nuiThanh}&limit=1&offset=1`).expect(200);
    expect([first.body.total, second.body.total]).toEqual([2, 2]);
    expect([first.body.items[0].id, second.body.items[0].id]).toEqual([ids.tamHiep, ids.tamNghia]);
  });

  it('finds points by name at any depth, with or without accents, every word in any order', async () => {
    const names = async (params: string) =>
      (await list(params).expect(200)).body.items.map((p: { name: string }) => p.name);
    await expect(names('q=tam nghia')).resolves.toEqual(['Điểm cầu xã Tam Nghĩa', 'Điểm cầu thôn Đông Tam Nghĩa']);
    await expect(names('q=NGHĨA ĐÔNG')).resolves.toEqual(['Điểm cầu thôn Đông Tam Nghĩa']);
    await expect(names('q=doc lap')).resolves.toEqual(['Điểm cầu độc lập']);
    await expect(names(`q=tam&parentId=${ids.nuiThanh}`)).resolves.toEqual([
      'Điểm cầu xã Tam Hiệp',
      'Điểm cầu xã Tam Nghĩa',
    ]);
    await expect(names('q=100%')).resolves.toEqual([]);
    const found = await list('q=hiep').expect(200);
    expect(found.body.items).toMatchObject([{ id: ids.tamHiep, parentName: 'Điểm cầu huyện Núi Thành' }]);
  });

  it('refuses a parentId that is neither a point id nor root, and a search too long, naming the field', async () => {
    const bad = await list('parentId=roots').expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toMatchObject([{ field: 'parentId', rule: 'isUuid' }]);
    const long = await list(`q=${'a'.repeat(101)}`).expect(422);
    expect(long.body.errors).toMatchObject([{ field: 'q', rule: 'maxLength' }]);
  });
});
