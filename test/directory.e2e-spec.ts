import { createTestApp, TestApp } from './support/app';
import { bearer, createPerson, createUnit } from './support/directory';

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(res.status).toBe(status);
}

describe('Directory: units and people', () => {
  let t: TestApp;
  let admin: string;
  let organizer: string;
  let organizerId: string;
  let observer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    ({ token: organizer, userId: organizerId } = await t.userToken('organizer'));
    observer = (await t.userToken('observer')).token;
  });
  afterAll(() => t.close());

  /** The organizer changes what the admin made only as its steward (issue 13). */
  const makeSteward = (unitId: string) =>
    t.http().put(`/units/${unitId}/stewards/${organizerId}`).set(bearer(admin)).expect(200);

  describe('units', () => {
    it('creates a unit, stores its search key and answers it by id', async () => {
      const province = await createUnit(t, organizer, {
        name: 'Ủy ban nhân dân tỉnh Quảng Nam',
        shortName: 'UBND tỉnh',
        kind: 'provincial_committee',
        externalCode: 'T.QNA',
      });
      expect(province).toMatchObject({
        name: 'Ủy ban nhân dân tỉnh Quảng Nam',
        kind: 'provincial_committee',
        parentId: null,
        externalCode: 'T.QNA',
        active: true,
      });
      const [row] = await t.dataSource.query('SELECT search_key FROM unit WHERE id = $1', [province.id]);
      expect(row.search_key).toBe('uy ban nhan dan tinh quang nam ubnd tinh');
      const got = await t.http().get(`/units/${province.id}`).set(bearer(observer));
      expect(got.status).toBe(200);
      expect(got.body).toEqual(province);
    });

    it('stores names in NFC, trimmed', async () => {
      const unit = await createUnit(t, admin, { name: '  Sở Tư pháp  '.normalize('NFD'), kind: 'department' });
      expect(unit.name).toBe('Sở Tư pháp'.normalize('NFC'));
    });

    it('refuses an unknown kind, naming the field and the rule', async () => {
      const res = await t.http().post('/units').set(bearer(admin)).send({ name: 'Sở X', kind: 'sở' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'isIn' })]);
    });

    it('refuses an unknown parent, a bad code, a control character and unknown fields', async () => {
      const unknownParent = await t
        .http()
        .post('/units')
        .set(bearer(admin))
        .send({ name: 'A', kind: 'other', parentId: '00000000-0000-4000-8000-000000000000' });
      expectProblem(unknownParent, 422, 'VALIDATION_FAILED');
      expect(unknownParent.body.errors).toEqual([
        expect.objectContaining({ field: 'parentId', rule: 'unknownParent' }),
      ]);
      const badCode = await t
        .http()
        .post('/units')
        .set(bearer(admin))
        .send({ name: 'A', kind: 'other', externalCode: 'has space' });
      expect(badCode.body.errors).toEqual([expect.objectContaining({ field: 'externalCode' })]);
      const control = await t.http().post('/units').set(bearer(admin)).send({ name: 'A\nBcc: x', kind: 'other' });
      expect(control.body.errors).toEqual([expect.objectContaining({ field: 'name', rule: 'matches' })]);
      const extra = await t.http().post('/units').set(bearer(admin)).send({ name: 'A', kind: 'other', level: 2 });
      expect(extra.body.errors).toEqual([expect.objectContaining({ field: 'level', rule: 'unknownProperty' })]);
    });

    it('answers a duplicate external code with 409 naming externalCode', async () => {
      await createUnit(t, admin, { name: 'Sở Y tế', kind: 'department', externalCode: 'DUP.1' });
      const res = await t
        .http()
        .post('/units')
        .set(bearer(admin))
        .send({ name: 'Sở Y tế (2)', kind: 'department', externalCode: 'DUP.1' });
      expectProblem(res, 409, 'DUPLICATE');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'externalCode' })]);
    });

    it('lets observers read but not write, and answers 404 for unknown or malformed ids', async () => {
      expectProblem(
        await t.http().post('/units').set(bearer(observer)).send({ name: 'A', kind: 'other' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await t.http().get('/units'), 401, 'UNAUTHENTICATED');
      expectProblem(
        await t.http().get('/units/00000000-0000-4000-8000-000000000000').set(bearer(observer)),
        404,
        'NOT_FOUND',
      );
      expectProblem(await t.http().get('/units/not-a-uuid').set(bearer(observer)), 404, 'NOT_FOUND');
      expectProblem(
        await t.http().patch('/units/00000000-0000-4000-8000-000000000000').set(bearer(admin)).send({ name: 'x' }),
        404,
        'NOT_FOUND',
      );
    });

    it('describes its endpoints in the OpenAPI document', async () => {
      const json = await t.http().get('/docs-json');
      expect(Object.keys(json.body.paths)).toEqual(
        expect.arrayContaining([
          '/units',
          '/units/{id}/descendants',
          '/units/{id}/ancestors',
          '/units/import',
          '/units/export.csv',
          '/people/{id}/positions/{positionId}/end',
          '/people/import',
        ]),
      );
      expect(Object.keys(json.body.paths['/units/import'].post.requestBody.content)).toEqual([
        'text/csv',
        'multipart/form-data',
      ]);
    });

    it('lists the kinds and roles with Vietnamese and English names', async () => {
      const kinds = await t.http().get('/units/kinds').set(bearer(observer));
      expect(kinds.body.items).toEqual(
        expect.arrayContaining([{ code: 'department', vi: 'Sở, Ban, ngành', en: 'Provincial department' }]),
      );
      const roles = await t.http().get('/people/roles').set(bearer(observer));
      expect(roles.body.items).toEqual(
        expect.arrayContaining([{ code: 'chief_of_office', vi: 'Chánh Văn phòng', en: 'Chief of office' }]),
      );
    });
  });

  describe('the tree', () => {
    let root: string;
    let chain: string[];

    beforeAll(async () => {
      root = (await createUnit(t, admin, { name: 'Gốc', kind: 'central_agency', externalCode: 'TREE' })).id;
      await makeSteward(root);
      // Eight levels: never hard-coded, any depth works.
      chain = [root];
      for (let level = 1; level <= 8; level += 1) {
        chain.push(
          (
            await createUnit(t, admin, {
              name: `Cấp ${level}`,
              kind: level % 2 ? 'division' : 'other',
              parentId: chain[level - 1],
            })
          ).id,
        );
      }
      await createUnit(t, admin, { name: 'Nhánh bên', kind: 'division', parentId: root });
    });

    it('lists children, and descendants of any depth in tree order with their depth', async () => {
      const children = await t.http().get(`/units/${root}/children`).set(bearer(observer));
      expect(children.body.items.map((u: { name: string }) => u.name)).toEqual(['Cấp 1', 'Nhánh bên']);
      const all = await t.http().get(`/units/${root}/descendants`).set(bearer(observer));
      expect(all.body.total).toBe(9);
      expect(all.body.items.map((u: { name: string; depth: number }) => [u.name, u.depth])).toEqual([
        ['Cấp 1', 1],
        ['Cấp 2', 2],
        ['Cấp 3', 3],
        ['Cấp 4', 4],
        ['Cấp 5', 5],
        ['Cấp 6', 6],
        ['Cấp 7', 7],
        ['Cấp 8', 8],
        ['Nhánh bên', 1],
      ]);
      const twoLevels = await t.http().get(`/units/${root}/descendants?maxDepth=2&kind=division`).set(bearer(observer));
      expect(twoLevels.body.items.map((u: { name: string }) => u.name)).toEqual(['Cấp 1', 'Nhánh bên']);
      const page = await t.http().get(`/units/${root}/descendants?limit=2&offset=8`).set(bearer(observer));
      expect(page.body).toMatchObject({
        total: 9,
        limit: 2,
        offset: 8,
        items: [expect.objectContaining({ name: 'Nhánh bên' })],
      });
      const beyond = await t.http().get(`/units/${root}/descendants?offset=50`).set(bearer(observer));
      expect(beyond.body).toMatchObject({ total: 9, items: [] });
    });

    it('answers the path above a unit, root first', async () => {
      const res = await t.http().get(`/units/${chain[3]}/ancestors`).set(bearer(observer));
      expect(res.body.items.map((u: { name: string; depth: number }) => [u.name, u.depth])).toEqual([
        ['Gốc', 3],
        ['Cấp 1', 2],
        ['Cấp 2', 1],
      ]);
      expect((await t.http().get(`/units/${root}/ancestors`).set(bearer(observer))).body.items).toEqual([]);
    });

    it('refuses a move that would close a cycle, naming parentId, and changes nothing', async () => {
      const res = await t
        .http()
        .patch(`/units/${chain[2]}`)
        .set(bearer(organizer))
        .send({ parentId: chain[6], name: 'Đổi tên' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'parentId', rule: 'cycle' })]);
      expect(res.body.detail).toMatch(/Cấp 6 → Cấp 5 → Cấp 4 → Cấp 3 → Cấp 2/);
      const self = await t.http().patch(`/units/${chain[2]}`).set(bearer(organizer)).send({ parentId: chain[2] });
      expect(self.body.errors).toEqual([expect.objectContaining({ field: 'parentId', rule: 'cycle' })]);
      const unchanged = await t.http().get(`/units/${chain[2]}`).set(bearer(observer));
      expect(unchanged.body).toMatchObject({ name: 'Cấp 2', parentId: chain[1] });
    });

    it('moves a branch, makes a unit a root, and audits the change', async () => {
      const moved = await t
        .http()
        .patch(`/units/${chain[8]}`)
        .set(bearer(organizer))
        .send({ parentId: root, shortName: 'C8' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ parentId: root, shortName: 'C8' });
      const rootless = await t.http().patch(`/units/${chain[8]}`).set(bearer(organizer)).send({ parentId: null });
      expect(rootless.body.parentId).toBeNull();
      const audit = await t.http().get(`/audit?entityType=unit&entityId=${chain[8]}`).set(bearer(admin));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'unit.update',
        'unit.update',
        'unit.create',
      ]);
      expect(audit.body.items[1]).toMatchObject({
        before: { parentId: chain[7] },
        after: { parentId: root, shortName: 'C8' },
      });
      await t
        .http()
        .patch(`/units/${chain[8]}`)
        .set(bearer(organizer))
        .send({ parentId: chain[7], shortName: null })
        .expect(200);
    });

    it('deactivates instead of deleting, refusing while sub-units are active unless cascading', async () => {
      const refused = await t.http().delete(`/units/${chain[6]}`).set(bearer(organizer));
      expectProblem(refused, 409, 'UNIT_HAS_ACTIVE_CHILDREN');
      expect(refused.body.detail).toContain('Cấp 7');
      const leaf = await t.http().delete(`/units/${chain[8]}`).set(bearer(organizer));
      expect(leaf.body).toMatchObject({ id: chain[8], active: false });
      const cascade = await t.http().delete(`/units/${chain[5]}?cascade=true`).set(bearer(organizer));
      expect(cascade.body).toMatchObject({ active: false });
      const states = await t.dataSource.query('SELECT active FROM unit WHERE id = ANY($1) ORDER BY active', [
        chain.slice(4),
      ]);
      expect(states.map((s: { active: boolean }) => s.active)).toEqual([false, false, false, false, true]);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM unit WHERE id = ANY($1)', [chain])).toEqual([
        { n: 9 },
      ]);
      const inactive = await t.http().get(`/units/${root}/descendants?active=false`).set(bearer(observer));
      expect(inactive.body.items.map((u: { name: string }) => u.name)).toEqual(['Cấp 5', 'Cấp 6', 'Cấp 7', 'Cấp 8']);
    });

    it('keeps active units out from under inactive ones', async () => {
      const child = await t
        .http()
        .post('/units')
        .set(bearer(admin))
        .send({ name: 'Mới', kind: 'other', parentId: chain[6] });
      expect(child.body.errors).toEqual([expect.objectContaining({ field: 'parentId', rule: 'inactiveParent' })]);
      const reactivate = await t.http().patch(`/units/${chain[7]}`).set(bearer(admin)).send({ active: true });
      expect(reactivate.body.errors).toEqual([expect.objectContaining({ field: 'active', rule: 'inactiveParent' })]);
      await t.http().patch(`/units/${chain[5]}`).set(bearer(admin)).send({ active: true }).expect(200);
    });
  });

  describe('search and filters', () => {
    beforeAll(async () => {
      const province = await createUnit(t, admin, {
        name: 'UBND tỉnh Tìm kiếm',
        kind: 'provincial_committee',
        externalCode: 'SEARCH',
      });
      for (const [name, shortName, kind] of [
        ['Sở Nội vụ tỉnh Quảng Nam', 'SNV', 'department'],
        ['Phòng Nội vụ huyện Điện Bàn', null, 'division'],
        ['Sở Thông tin và Truyền thông', 'STTTT', 'department'],
        ['Cục Thuế tỉnh Quảng Nam', null, 'vertical_agency'],
      ]) {
        await createUnit(t, admin, {
          name: name!,
          ...(shortName ? { shortName } : {}),
          kind: kind!,
          parentId: province.id,
        });
      }
    });

    const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((u) => u.name);

    it('finds "Sở Nội vụ" with and without diacritics, in any case and word order, best match first', async () => {
      const plain = await t.http().get('/units').query({ q: 'So Noi vu' }).set(bearer(observer));
      expect(names(plain)[0]).toBe('Sở Nội vụ tỉnh Quảng Nam');
      expect(names(plain)).not.toContain('Phòng Nội vụ huyện Điện Bàn');
      const accented = await t.http().get('/units').query({ q: 'sở nội vụ' }).set(bearer(observer));
      expect(names(accented)).toEqual(names(plain));
      const reordered = await t.http().get('/units').query({ q: 'NOI VU' }).set(bearer(observer));
      expect(names(reordered)).toEqual(
        expect.arrayContaining(['Sở Nội vụ tỉnh Quảng Nam', 'Phòng Nội vụ huyện Điện Bàn']),
      );
      const byShortName = await t.http().get('/units').query({ q: 'stttt' }).set(bearer(observer));
      expect(names(byShortName)).toEqual(['Sở Thông tin và Truyền thông']);
      const dien = await t.http().get('/units').query({ q: 'dien ban' }).set(bearer(observer));
      expect(names(dien)).toEqual(['Phòng Nội vụ huyện Điện Bàn']);
      const wildcard = await t.http().get('/units').query({ q: '%' }).set(bearer(observer));
      expect(wildcard.body.total).toBe(0);
    });

    it('filters by kinds, parent, root, activity and external code', async () => {
      const [search] = await t.dataSource.query(`SELECT id FROM unit WHERE external_code = 'SEARCH'`);
      const depts = await t
        .http()
        .get('/units')
        .query({ kind: 'department,vertical_agency', parentId: search.id })
        .set(bearer(observer));
      expect(names(depts)).toEqual([
        'Cục Thuế tỉnh Quảng Nam',
        'Sở Nội vụ tỉnh Quảng Nam',
        'Sở Thông tin và Truyền thông',
      ]);
      const roots = await t
        .http()
        .get('/units')
        .query({ root: 'true', kind: 'provincial_committee' })
        .set(bearer(observer));
      expect(names(roots)).toEqual(expect.arrayContaining(['UBND tỉnh Tìm kiếm', 'Ủy ban nhân dân tỉnh Quảng Nam']));
      const byCode = await t.http().get('/units').query({ externalCode: 'SEARCH' }).set(bearer(observer));
      expect(byCode.body).toMatchObject({ total: 1, items: [{ id: search.id }] });
      const inactive = await t.http().get('/units').query({ active: 'false' }).set(bearer(observer));
      expect(inactive.body.items.every((u: { active: boolean }) => !u.active)).toBe(true);
    });

    it('refuses bad filters with 422', async () => {
      const res = await t
        .http()
        .get('/units')
        .query({ kind: 'department,bogus', active: 'maybe', limit: 0 })
        .set(bearer(observer));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['active', 'kind', 'limit']);
    });
  });

  describe('people and positions', () => {
    let snv: string;
    let council: string;

    beforeAll(async () => {
      const province = await createUnit(t, admin, {
        name: 'UBND thành phố Cần Thơ',
        kind: 'provincial_committee',
        externalCode: 'P.CTO',
      });
      await makeSteward(province.id);
      snv = (
        await createUnit(t, admin, {
          name: 'Sở Nội vụ thành phố Cần Thơ',
          kind: 'department',
          parentId: province.id,
          externalCode: 'P.CTO.SNV',
        })
      ).id;
      council = (
        await createUnit(t, admin, { name: 'Hội đồng thẩm định', kind: 'working_group', parentId: province.id })
      ).id;
    });

    it('creates a person with positions, a default title, and audits it', async () => {
      const person = await createPerson(t, organizer, {
        fullName: 'Nguyễn Hoàng Nhân',
        email: 'Nhan.NH@CanTho.gov.vn',
        positions: [
          { unitId: snv, role: 'specialist', title: 'Chuyên viên Phòng Cải cách hành chính – Văn thư, lưu trữ' },
          { unitId: council, role: 'member' },
        ],
      });
      expect(person).toMatchObject({
        fullName: 'Nguyễn Hoàng Nhân',
        email: 'nhan.nh@cantho.gov.vn',
        language: 'vi',
        active: true,
      });
      expect(person.positions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            role: 'member',
            title: 'Thành viên',
            current: true,
            startedOn: null,
            unit: expect.objectContaining({ id: council, kind: 'working_group' }),
          }),
          expect.objectContaining({ role: 'specialist', unit: expect.objectContaining({ externalCode: 'P.CTO.SNV' }) }),
        ]),
      );
      const audit = await t.http().get(`/audit?entityType=person&entityId=${person.id}`).set(bearer(admin));
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'person.create',
          after: expect.objectContaining({ email: 'nhan.nh@cantho.gov.vn' }),
        }),
      ]);
    });

    it('answers a duplicate e-mail with 409 naming email, in any case', async () => {
      const res = await t
        .http()
        .post('/people')
        .set(bearer(admin))
        .send({ fullName: 'Người khác', email: 'NHAN.NH@cantho.gov.vn' });
      expectProblem(res, 409, 'DUPLICATE');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('refuses an unknown role, unknown unit, repeated position and bad date, writing nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM person');
      const role = await t
        .http()
        .post('/people')
        .set(bearer(admin))
        .send({ fullName: 'A', positions: [{ unitId: snv, role: 'boss' }] });
      expect(role.body.errors).toEqual([expect.objectContaining({ field: 'positions[0].role', rule: 'isIn' })]);
      const unit = await t
        .http()
        .post('/people')
        .set(bearer(admin))
        .send({ fullName: 'A', positions: [{ unitId: '00000000-0000-4000-8000-000000000000', role: 'head' }] });
      expect(unit.body.errors).toEqual([
        expect.objectContaining({ field: 'positions[0].unitId', rule: 'unknownUnit' }),
      ]);
      const twice = await t
        .http()
        .post('/people')
        .set(bearer(admin))
        .send({
          fullName: 'A',
          positions: [
            { unitId: snv, role: 'head' },
            { unitId: snv, role: 'head' },
          ],
        });
      expect(twice.body.errors).toEqual([
        expect.objectContaining({ field: 'positions[1]', rule: 'duplicatePosition' }),
      ]);
      const date = await t
        .http()
        .post('/people')
        .set(bearer(admin))
        .send({ fullName: 'A', positions: [{ unitId: snv, role: 'head', startedOn: '2023-02-30' }] });
      expect(date.body.errors).toEqual([
        expect.objectContaining({ field: 'positions[0].startedOn', rule: 'isCalendarDate' }),
      ]);
      const phone = await t.http().post('/people').set(bearer(admin)).send({ fullName: 'A', phone: 'gọi tôi' });
      expect(phone.body.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM person')).toEqual(before);
    });

    it('adds and ends positions, keeping history', async () => {
      const person = await createPerson(t, admin, { fullName: 'Trương Hồng Dự', email: 'du.th@cantho.gov.vn' });
      const added = await t
        .http()
        .post(`/people/${person.id}/positions`)
        .set(bearer(organizer))
        .send({ unitId: snv, role: 'deputy_head', title: 'Phó Giám đốc', startedOn: '2020-01-01' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({
        role: 'deputy_head',
        title: 'Phó Giám đốc',
        startedOn: '2020-01-01',
        current: true,
      });
      const again = await t
        .http()
        .post(`/people/${person.id}/positions`)
        .set(bearer(organizer))
        .send({ unitId: snv, role: 'deputy_head' });
      expectProblem(again, 409, 'DUPLICATE');
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);

      // The fake clock says 2026-03-01 08:00 in Vietnam.
      const future = await t
        .http()
        .post(`/people/${person.id}/positions/${added.body.id}/end`)
        .set(bearer(organizer))
        .send({ endedOn: '2026-03-02' });
      expect(future.body.errors).toEqual([expect.objectContaining({ field: 'endedOn', rule: 'notInFuture' })]);
      const early = await t
        .http()
        .post(`/people/${person.id}/positions/${added.body.id}/end`)
        .set(bearer(organizer))
        .send({ endedOn: '2019-12-31' });
      expect(early.body.errors).toEqual([expect.objectContaining({ field: 'endedOn', rule: 'afterStart' })]);
      const ended = await t
        .http()
        .post(`/people/${person.id}/positions/${added.body.id}/end`)
        .set(bearer(organizer))
        .send({});
      expect(ended.body).toMatchObject({ endedOn: '2026-03-01', current: false });
      expectProblem(
        await t.http().post(`/people/${person.id}/positions/${added.body.id}/end`).set(bearer(organizer)).send({}),
        409,
        'POSITION_ALREADY_ENDED',
      );

      // The same role again is a new position; the old one stays in the history.
      await t
        .http()
        .post(`/people/${person.id}/positions`)
        .set(bearer(organizer))
        .send({ unitId: snv, role: 'deputy_head' })
        .expect(201);
      const full = await t.http().get(`/people/${person.id}`).set(bearer(observer));
      expect(full.body.positions.map((p: { current: boolean }) => p.current)).toEqual([true, false]);
    });

    it('answers 404 for another person’s position and for unknown people', async () => {
      const a = await createPerson(t, admin, { fullName: 'A', positions: [{ unitId: snv, role: 'specialist' }] });
      const b = await createPerson(t, admin, { fullName: 'B' });
      expectProblem(
        await t.http().post(`/people/${b.id}/positions/${a.positions[0].id}/end`).set(bearer(admin)).send({}),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t
          .http()
          .post('/people/00000000-0000-4000-8000-000000000000/positions')
          .set(bearer(admin))
          .send({ unitId: snv, role: 'head' }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await t.http().get('/people/nope').set(bearer(admin)), 404, 'NOT_FOUND');
    });

    it('updates and deactivates a person instead of deleting', async () => {
      const person = await createPerson(t, admin, {
        fullName: 'Lê Văn Cũ',
        email: 'cu@demo.vn',
        positions: [{ unitId: snv, role: 'head' }],
      });
      const updated = await t
        .http()
        .patch(`/people/${person.id}`)
        .set(bearer(organizer))
        .send({ fullName: 'Lê Văn Mới', language: 'en', phone: '+84 235 3812 345' });
      expect(updated.body).toMatchObject({ fullName: 'Lê Văn Mới', language: 'en', phone: '+84 235 3812 345' });
      const found = await t.http().get('/people').query({ q: 'le van moi' }).set(bearer(observer));
      expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([person.id]);
      const gone = await t.http().delete(`/people/${person.id}`).set(bearer(organizer));
      expect(gone.body).toMatchObject({ active: false, positions: [expect.objectContaining({ current: true })] });
      expect(await t.dataSource.query('SELECT active FROM person WHERE id = $1', [person.id])).toEqual([
        { active: false },
      ]);
      const audit = await t.http().get(`/audit?entityType=person&entityId=${person.id}`).set(bearer(admin));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'person.deactivate',
        'person.update',
        'person.create',
      ]);
      const badEmail = await t
        .http()
        .patch(`/people/${person.id}`)
        .set(bearer(organizer))
        .send({ email: 'not an email' });
      expect(badEmail.body.errors).toEqual([expect.objectContaining({ field: 'email', rule: 'isEmail' })]);
    });

    it('filters people by current unit, role, unit kind, subtree and search without diacritics', async () => {
      const [province] = await t.dataSource.query(`SELECT id FROM unit WHERE external_code = 'P.CTO'`);
      const ids = (res: { body: { items: { fullName: string }[] } }) => res.body.items.map((p) => p.fullName);
      const inSnv = await t.http().get('/people').query({ unitId: snv, role: 'specialist' }).set(bearer(observer));
      expect(ids(inSnv)).toEqual(['A', 'Nguyễn Hoàng Nhân']);
      const members = await t
        .http()
        .get('/people')
        .query({ unitKind: 'working_group', withinUnitId: province.id })
        .set(bearer(observer));
      expect(ids(members)).toEqual(['Nguyễn Hoàng Nhân']);
      const deputies = await t
        .http()
        .get('/people')
        .query({ role: 'deputy_head,head', active: 'true' })
        .set(bearer(observer));
      expect(ids(deputies)).toEqual(['Trương Hồng Dự']);
      const search = await t.http().get('/people').query({ q: 'nguyen hoang nhan' }).set(bearer(observer));
      expect(search.body.items[0]).toMatchObject({
        fullName: 'Nguyễn Hoàng Nhân',
        positions: expect.arrayContaining([expect.objectContaining({ current: true })]),
      });
      const byEmail = await t.http().get('/people').query({ email: 'NHAN.NH@cantho.gov.vn' }).set(bearer(observer));
      expect(byEmail.body.total).toBe(1);
      const all = await t.http().get('/people').query({ limit: 2 }).set(bearer(observer));
      const beyond = await t.http().get('/people').query({ offset: 1000 }).set(bearer(observer));
      expect(beyond.body).toMatchObject({ items: [], total: all.body.total, offset: 1000 });
      expect(all.body.items).toHaveLength(2);
      const bad = await t.http().get('/people').query({ role: 'boss', unitId: 'x' }).set(bearer(observer));
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'unitId']);
    });
  });
});
