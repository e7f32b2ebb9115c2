import { DirectoryDemoLoader } from '../src/directory/directory-demo.loader';
import { HoldersService } from '../src/directory/holders.service';
import { createTestApp, TestApp } from './support/app';
import { bearer } from './support/directory';

describe('Directory: the demo directory and rule resolution', () => {
  let t: TestApp;
  let holders: HoldersService;
  let admin: string;
  const unitId = async (code: string): Promise<string> =>
    (await t.dataSource.query('SELECT id FROM unit WHERE external_code = $1', [code]))[0].id;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    await t.app.get(DirectoryDemoLoader).load();
    holders = t.app.get(HoldersService);
  });
  afterAll(() => t.close());

  it('loads Quảng Nam and Cần Thơ with the codes the conference demo relies on', async () => {
    const rows = await t.dataSource.query(`
      SELECT u.external_code AS code, u.kind, p.external_code AS parent FROM unit u LEFT JOIN unit p ON p.id = u.parent_id
      WHERE u.external_code IN ('QNA', 'QNA.VP', 'QNA.HDTD', 'QNA.D.NAMTRAMY', 'CTO.S.SNV.CCHC', 'CTO.D.THOILAI') ORDER BY 1`);
    expect(rows).toEqual([
      { code: 'CTO.D.THOILAI', kind: 'district_committee', parent: 'CTO' },
      { code: 'CTO.S.SNV.CCHC', kind: 'division', parent: 'CTO.S.SNV' },
      { code: 'QNA', kind: 'provincial_committee', parent: null },
      { code: 'QNA.D.NAMTRAMY', kind: 'district_committee', parent: 'QNA' },
      { code: 'QNA.HDTD', kind: 'working_group', parent: 'QNA' },
      { code: 'QNA.VP', kind: 'committee_office', parent: 'QNA' },
    ]);
    const [nhan] = (await t.http().get('/people').query({ q: 'nguyen hoang nhan' }).set(bearer(admin))).body.items;
    expect(nhan).toMatchObject({
      fullName: 'Nguyễn Hoàng Nhân',
      phone: '0932.868.447',
      email: 'specialist.cto-s-snv-cchc@demo.cantho.gov.vn',
    });
  });

  it('loads again without changing anything', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS units, max(updated_at) AS at FROM unit');
    await t.app.get(DirectoryDemoLoader).load();
    expect(await t.dataSource.query('SELECT count(*)::int AS units, max(updated_at) AS at FROM unit')).toEqual(before);
    const audit = await t.http().get('/audit').query({ entityType: 'person' }).set(bearer(admin));
    const [second] = audit.body.items;
    expect(second).toMatchObject({ action: 'person.import', actor: { kind: 'system' } });
    expect(second.after.rows).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    expect(second.after.rows.unchanged).toBe(second.after.rows.total);
  });

  it('answers "heads of all provincial departments" and "their chiefs of office" in one query each', async () => {
    const qna = await unitId('QNA');
    const heads = await holders.find({ roles: ['head'], unitKinds: ['department'], childrenOf: qna });
    expect(heads).toHaveLength(19);
    expect(heads.map((h) => h.title)).toContain('Giám đốc Sở Nội vụ');
    const offices = await holders.find({
      roles: ['chief_of_office'],
      unitKinds: ['department', 'vertical_agency'],
      withinUnitId: qna,
    });
    expect(offices).toHaveLength(24);
  });

  it('answers "district chairmen" and "commune chairmen of one district", at any depth', async () => {
    const qna = await unitId('QNA');
    expect(await holders.find({ roles: ['head'], unitKinds: ['district_committee'], withinUnitId: qna })).toHaveLength(
      18,
    );
    const daiLoc = await unitId('QNA.D.DAILOC');
    const communes = await holders.find({ roles: ['head'], unitKinds: ['commune_committee'], withinUnitId: daiLoc });
    expect(communes.map((h) => h.unitName).sort()).toEqual(
      [
        'Ủy ban nhân dân thị trấn Ái Nghĩa',
        'Ủy ban nhân dân xã Đại Hiệp',
        'Ủy ban nhân dân xã Đại Lãnh',
        'Ủy ban nhân dân xã Đại Đồng',
      ].sort(),
    );
    const nationwide = await holders.find({ roles: ['head'], unitKinds: ['commune_committee'] });
    expect(nationwide.length).toBe(
      await t.dataSource
        .query(`SELECT count(*)::int AS n FROM unit WHERE kind = 'commune_committee'`)
        .then((r) => r[0].n),
    );
  });

  it('answers "members of the appraisal council" by unit, and leaves deactivated people out', async () => {
    const council = await unitId('QNA.HDTD');
    const members = await holders.find({ roles: ['member'], unitIds: [council] });
    expect(members.length).toBeGreaterThanOrEqual(5);
    await t.http().delete(`/people/${members[0].personId}`).set(bearer(admin)).expect(200);
    expect(await holders.find({ roles: ['member'], unitIds: [council] })).toHaveLength(members.length - 1);
    expect(await holders.find({ roles: ['member'], unitIds: [council], includeInactive: true })).toHaveLength(
      members.length,
    );
  });

  it('serves the same question through GET /people', async () => {
    const qna = await unitId('QNA');
    const res = await t
      .http()
      .get('/people')
      .query({ role: 'head', unitKind: 'department', withinUnitId: qna, limit: 5 })
      .set(bearer(admin));
    expect(res.body).toMatchObject({ total: 19, limit: 5 });
    const search = await t.http().get('/units').query({ q: 'so noi vu', kind: 'department' }).set(bearer(admin));
    expect(search.body.items.map((u: { externalCode: string }) => u.externalCode).sort()).toEqual([
      'CTO.S.SNV',
      'QNA.S.SNV',
    ]);
  });
});
