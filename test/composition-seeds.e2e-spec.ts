import { CompositionService } from '../src/composition/composition.service';
import { siteKey } from '../src/composition/composition.types';
import { ConferenceDemoLoader } from '../src/demo/conference-demo.loader';
import { DirectoryDemoLoader } from '../src/directory/directory-demo.loader';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';

/**
 * The compositions of seeds 000 and 001 written as rules and resolved against the demo directory
 * (fixtures/directory) and the demo conferences: every invitee named by unit code, role and title.
 */
describe('Attendee composition of seeds 000 and 001', () => {
  let t: TestApp;
  let admin: string;
  const code = new Map<string, string>();
  const id = (c: string) => [...code].find(([, v]) => v === c)![0];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    await t.app.get(DirectoryDemoLoader).load();
    await t.app.get(ConferenceDemoLoader).load();
    for (const row of await t.dataSource.query('SELECT id, external_code FROM unit WHERE external_code IS NOT NULL'))
      code.set(row.id, row.external_code);
  });
  afterAll(() => t.close());

  const post = async (conferenceId: string, body: object): Promise<string> => {
    const res = await t.http().post(`/conferences/${conferenceId}/composition/rules`).set(auth(admin)).send(body);
    if (res.status !== 201) throw new Error(`rule refused: ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const preview = (conferenceId: string, query: Record<string, string> = {}) =>
    t.http().get(`/conferences/${conferenceId}/composition/preview`).query(query).set(auth(admin)).expect(200);
  /** "QNA.S.SNV head Giám đốc Sở Nội vụ": an invitee as the plan would list them. */
  const line = (i: { unitId: string; role: string; title: string }) => `${code.get(i.unitId)} ${i.role} ${i.title}`;
  const byRule = (invitees: any[], ruleId: string) =>
    invitees
      .filter((i) => i.ruleId === ruleId)
      .map(line)
      .sort();

  describe('seed 000 (690/KH-UBND): the provincial host point and the district points', () => {
    let conferenceId: string;
    let hostPointId: string;
    const r: Record<string, string> = {};
    const DEPARTMENTS = [
      'BDT',
      'BQLKKT',
      'SCT',
      'SGDDT',
      'SGTVT',
      'SKHCN',
      'SKHDT',
      'SLDTBXH',
      'SNGV',
      'SNNPTNT',
      'SNV',
      'STC',
      'STNMT',
      'STP',
      'STTTT',
      'SVHTTDL',
      'SXD',
      'SYT',
      'TTT',
    ];

    beforeAll(async () => {
      [{ id: conferenceId }] = await t.dataSource.query(
        `SELECT id FROM conference WHERE plan_reference = '690/KH-UBND'`,
      );
      [{ id: hostPointId }] = await t.dataSource.query(
        `SELECT id FROM bridge_point WHERE conference_id = $1 AND role = 'host'`,
        [conferenceId],
      );
      const host = { kind: 'bridge_point', id: hostPointId };
      r.chair = await post(conferenceId, {
        site: { kind: 'conference' },
        label: 'Chủ trì Hội nghị: Chủ tịch Ủy ban nhân dân tỉnh',
        units: { ids: [id('QNA')] },
        roles: ['head'],
      });
      r.tu = await post(conferenceId, {
        site: host,
        label: 'Đại diện Thường trực Tỉnh ủy',
        units: { ids: [id('QNA.TU')] },
        roles: ['standing_member', 'party_secretary'],
        maxPerUnit: 1,
      });
      r.hdnd = await post(conferenceId, {
        site: host,
        label: 'Đại diện Thường trực Hội đồng nhân dân tỉnh',
        units: { ids: [id('QNA.HDND')] },
        roles: ['standing_member', 'head'],
        maxPerUnit: 1,
      });
      r.mttq = await post(conferenceId, {
        site: host,
        label: 'Đại diện Lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
        units: { ids: [id('QNA.MTTQ')] },
        roles: ['head', 'deputy_head'],
        maxPerUnit: 1,
      });
      r.party = await post(conferenceId, {
        site: host,
        label: 'Đại diện Lãnh đạo Văn phòng Tỉnh ủy; các Ban Đảng thuộc Tỉnh ủy',
        units: { kinds: ['party_body'], childrenOf: id('QNA.TU') },
        roles: ['head', 'deputy_head'],
        maxPerUnit: 1,
      });
      r.naOffice = await post(conferenceId, {
        site: host,
        label: 'Đại diện Lãnh đạo Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
        units: { ids: [id('QNA.HDND.VP')] },
        roles: ['head', 'deputy_head'],
        maxPerUnit: 1,
      });
      r.heads = await post(conferenceId, {
        site: host,
        label: 'Thủ trưởng các Sở, Ban, ngành thuộc Ủy ban nhân dân tỉnh',
        units: { kinds: ['department', 'committee_office'], childrenOf: id('QNA') },
        roles: ['head'],
      });
      r.vertical = await post(conferenceId, {
        site: host,
        label: 'Thủ trưởng các cơ quan ngành dọc cấp tỉnh',
        units: { kinds: ['vertical_agency'], childrenOf: id('QNA') },
        roles: ['head'],
      });
      r.offices = await post(conferenceId, {
        site: host,
        label: 'Chánh Văn phòng/Trưởng phòng Hành chính - Tổng hợp của các Sở, Ban, ngành',
        units: { kinds: ['department'], childrenOf: id('QNA') },
        roles: ['chief_of_office'],
      });
      // One rule per body: the working group has no deputy head, which a single rule over both would report as a gap.
      r.council = await post(conferenceId, {
        site: host,
        label: 'Thành viên Hội đồng thẩm định Chỉ số CCHC',
        units: { ids: [id('QNA.HDTD')] },
        roles: ['head', 'deputy_head', 'member'],
      });
      r.group = await post(conferenceId, {
        site: host,
        label: 'Thành viên Tổ giúp việc Hội đồng thẩm định',
        units: { ids: [id('QNA.HDTD.TGV')] },
        roles: ['head', 'member'],
      });
      r.press = await post(conferenceId, {
        site: host,
        label: 'Các cơ quan truyền thông',
        units: { ids: [id('QNA.BAO'), id('QNA.DPTTH'), id('QNA.CTTDT')] },
        roles: ['reporter', 'head'],
        maxPerUnit: 1,
      });
    });

    it('resolves the host point: every line of "a) Tại điểm cầu tỉnh", each person once, no gaps', async () => {
      const res = await preview(conferenceId, { siteKind: 'bridge_point', siteId: hostPointId });
      const [site] = res.body.sites;
      expect(site).toMatchObject({
        site: { kind: 'bridge_point', id: hostPointId },
        delegatedSite: false,
        delegated: [],
        gaps: [],
      });
      const inv = site.invitees;
      expect(byRule(inv, r.tu)).toEqual(['QNA.TU standing_member Phó Bí thư Thường trực Tỉnh ủy']);
      expect(byRule(inv, r.hdnd)).toEqual(['QNA.HDND standing_member Phó Chủ tịch HĐND tỉnh']);
      expect(byRule(inv, r.mttq)).toEqual(['QNA.MTTQ head Chủ tịch Ủy ban MTTQ Việt Nam tỉnh']);
      expect(byRule(inv, r.party)).toEqual([
        'QNA.TU.BDV head Trưởng Ban Dân vận Tỉnh ủy',
        'QNA.TU.BNC head Trưởng Ban Nội chính Tỉnh ủy',
        'QNA.TU.BTC head Trưởng Ban Tổ chức Tỉnh ủy',
        'QNA.TU.BTG head Trưởng Ban Tuyên giáo Tỉnh ủy',
        'QNA.TU.UBKT head Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy',
        'QNA.TU.VP head Chánh Văn phòng Tỉnh ủy',
      ]);
      expect(byRule(inv, r.naOffice)).toEqual(['QNA.HDND.VP head Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh']);
      const heads = inv.filter((i: any) => i.ruleId === r.heads);
      expect(heads.map((i: any) => `${code.get(i.unitId)} ${i.role}`).sort()).toEqual(
        [...DEPARTMENTS.map((d) => `QNA.S.${d} head`), 'QNA.VP head'].sort(),
      );
      expect(byRule(inv, r.heads)).toEqual(
        expect.arrayContaining([
          'QNA.S.SNV head Giám đốc Sở Nội vụ',
          'QNA.S.TTT head Chánh Thanh tra tỉnh',
          'QNA.VP head Chánh Văn phòng UBND tỉnh',
        ]),
      );
      expect(byRule(inv, r.vertical)).toEqual([
        'QNA.V.BHXH head Giám đốc Bảo hiểm xã hội tỉnh',
        'QNA.V.CA head Giám đốc Công an tỉnh',
        'QNA.V.CT head Cục trưởng Cục Thuế tỉnh',
        'QNA.V.HQ head Cục trưởng Cục Hải quan tỉnh',
        'QNA.V.KBNN head Giám đốc Kho bạc Nhà nước Quảng Nam',
      ]);
      const offices = inv.filter((i: any) => i.ruleId === r.offices);
      expect(offices.map((i: any) => `${code.get(i.unitId)} ${i.role}`).sort()).toEqual(
        DEPARTMENTS.map((d) => `QNA.S.${d} chief_of_office`).sort(),
      );
      expect(byRule(inv, r.offices)).toEqual(
        expect.arrayContaining([
          'QNA.S.SNV chief_of_office Chánh Văn phòng Sở Nội vụ',
          'QNA.S.BQLKKT chief_of_office Chánh Văn phòng Ban Quản lý',
        ]),
      );
      // The council's other members already come as heads: listed once, with the council as also matching.
      expect(byRule(inv, r.council)).toEqual(['QNA.HDTD head Chủ tịch Hội đồng thẩm định Chỉ số CCHC']);
      expect(byRule(inv, r.group)).toEqual([
        'QNA.HDTD.TGV head Tổ trưởng Tổ giúp việc',
        'QNA.HDTD.TGV member Thành viên Tổ giúp việc (Sở Nội vụ)',
        'QNA.HDTD.TGV member Thành viên Tổ giúp việc (Sở Thông tin và Truyền thông)',
        'QNA.HDTD.TGV member Thành viên Tổ giúp việc (Sở Tư pháp)',
        'QNA.HDTD.TGV member Thành viên Tổ giúp việc (Văn phòng UBND tỉnh)',
      ]);
      expect(inv.find((i: any) => i.ruleId === r.council && i.role === 'head')).toMatchObject({
        fullName: 'Hồ Quang Bửu',
        email: expect.stringMatching(/@demo\.quangnam\.gov\.vn$/),
      });
      const alsoCouncil = inv
        .filter((i: any) => i.alsoMatching.includes(r.council))
        .map((i: any) => code.get(i.unitId))
        .sort();
      expect(alsoCouncil).toEqual(['QNA.S.SKHDT', 'QNA.S.SNV', 'QNA.S.STC', 'QNA.S.STP', 'QNA.S.STTTT', 'QNA.VP']);
      expect(byRule(inv, r.press)).toEqual([
        'QNA.BAO reporter Phóng viên',
        'QNA.CTTDT reporter Biên tập viên',
        'QNA.DPTTH reporter Phóng viên',
      ]);
      expect(site.counts).toEqual({
        invitees: 1 + 1 + 1 + 6 + 1 + 20 + 5 + 19 + 1 + 5 + 3,
        gaps: 0,
        delegatedRules: 0,
        delegatedAdded: 0,
      });
      expect(new Set(inv.map((i: any) => i.personId)).size).toBe(inv.length);
    });

    it('generates the host point’s invitations with the position each rule matched, as the preview names it', async () => {
      // The host point invites by its own rules, then by those of the conference as a whole (the chair).
      const expected = new Map<string, string>();
      const queries: Record<string, string>[] = [
        { siteKind: 'bridge_point', siteId: hostPointId },
        { siteKind: 'conference' },
      ];
      for (const query of queries) {
        const res = await preview(conferenceId, query);
        for (const i of res.body.sites[0].invitees) if (!expected.has(i.personId)) expected.set(i.personId, i.title);
      }
      await t
        .http()
        .post(`/conferences/${conferenceId}/invitations/generate`)
        .set(auth(admin))
        .send({ siteId: hostPointId })
        .expect(201);
      const list = await t
        .http()
        .get(`/conferences/${conferenceId}/invitations?siteId=${hostPointId}&limit=500`)
        .set(auth(admin))
        .expect(200);
      expect(list.body.items).toHaveLength(expected.size);
      const named = new Map<string, string>(list.body.items.map((i: any) => [i.person.id, i.person.position]));
      expect(named).toEqual(expected);
      // Those who hold several positions: each named by the one their rule matched.
      const several: { person_id: string }[] = await t.dataSource.query(
        `SELECT person_id FROM person_position WHERE ended_on IS NULL AND person_id = ANY($1::uuid[]) GROUP BY person_id HAVING count(DISTINCT title) > 1`,
        [[...expected.keys()]],
      );
      expect(several.length).toBeGreaterThan(0);
    });

    it('shows a gap when a department head leaves, and the chair at the conference level apart from the host point', async () => {
      const [head] = await t.dataSource.query(
        `SELECT pp.person_id FROM person_position pp JOIN unit u ON u.id = pp.unit_id WHERE u.external_code = 'QNA.S.SNGV' AND pp.role = 'head'`,
      );
      await t.http().delete(`/people/${head.person_id}`).set(auth(admin)).expect(200);
      const res = await preview(conferenceId);
      const [whole, host] = res.body.sites;
      expect(whole).toMatchObject({ siteKey: 'conference', site: { kind: 'conference', id: null } });
      expect(whole.invitees.map(line)).toEqual(['QNA head Chủ tịch UBND tỉnh']);
      expect(host.gaps).toEqual([
        { ruleId: r.heads, unitId: id('QNA.S.SNGV'), unitName: 'Sở Ngoại vụ tỉnh Quảng Nam', role: 'head' },
      ]);
      expect(host.counts.invitees).toBe(62);
      expect(res.body.multiSite).toEqual([]);
      expect(res.body.totals).toEqual({ invitees: 63, people: 63, gaps: 1, delegatedRules: 0, delegatedAdded: 0 });
    });

    it('leaves a district point to its district: "do Ủy ban nhân dân các huyện, thị xã, thành phố mời", with suggestions from its own tree', async () => {
      const pointOf = async (unitCode: string) =>
        (
          await t.dataSource.query(`SELECT id FROM bridge_point WHERE conference_id = $1 AND unit_id = $2`, [
            conferenceId,
            id(unitCode),
          ])
        )[0].id;
      const daiLoc = await pointOf('QNA.D.DAILOC');
      const nuiThanh = await pointOf('QNA.D.NUITHANH');
      const lines = [
        { label: 'Bí thư Huyện ủy, Thị ủy, Thành ủy', units: { kinds: ['party_body'] }, roles: ['party_secretary'] },
        {
          label: 'Thường trực Hội đồng nhân dân các huyện, thị xã, thành phố',
          units: { kinds: ['council_body'] },
          roles: ['head', 'standing_member'],
        },
        {
          label: 'Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố',
          units: { kinds: ['district_committee'] },
          roles: ['head'],
        },
        {
          label: 'Chánh Văn phòng HĐND và UBND, Trưởng các Phòng chuyên môn',
          units: { kinds: ['district_committee', 'division'] },
          roles: ['chief_of_office', 'division_head'],
        },
        {
          label: 'Chủ tịch UBND các xã, phường, thị trấn và công chức các bộ phận có liên quan',
          units: { kinds: ['commune_committee'] },
          roles: ['head', 'specialist'],
        },
      ];
      const ids: string[] = [];
      for (const l of lines)
        ids.push(
          await post(conferenceId, { site: { kind: 'bridge_point', id: daiLoc }, ...l, delegate: { to: 'site_host' } }),
        );
      // Written once for Đại Lộc, given to the other 17 district points.
      const others: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM bridge_point WHERE conference_id = $1 AND role = 'remote' AND id <> $2`,
        [conferenceId, daiLoc],
      );
      expect(others).toHaveLength(17);
      const copy = await t
        .http()
        .post(`/conferences/${conferenceId}/composition/rules/copy`)
        .set(auth(admin))
        .send({
          from: { kind: 'bridge_point', id: daiLoc },
          to: others.map((o) => ({ kind: 'bridge_point', id: o.id })),
        });
      expect(copy.body).toEqual({ from: `bridge_point:${daiLoc}`, sites: 17, rulesPerSite: 5, created: 85 });
      const res = await preview(conferenceId, { siteKind: 'bridge_point', siteId: daiLoc });
      const [site] = res.body.sites;
      expect(site).toMatchObject({
        delegatedSite: true,
        invitees: [],
        gaps: [],
        counts: { invitees: 0, gaps: 0, delegatedRules: 5, delegatedAdded: 0 },
      });
      expect(site.delegated.map((d: any) => [d.ruleId, d.label, code.get(d.unitId), d.added, d.text.vi])).toEqual(
        lines.map((l, i) => [ids[i], l.label, 'QNA.D.DAILOC', 0, 'Do Ủy ban nhân dân huyện Đại Lộc mời']),
      );
      expect(site.delegated[0].text.en).toBe('To be filled by Ủy ban nhân dân huyện Đại Lộc');
      const suggested = site.delegated.map((d: any) => d.suggestions.map(line).sort());
      expect(suggested).toEqual([
        ['QNA.D.DAILOC.DU party_secretary Bí thư Huyện ủy'],
        [
          'QNA.D.DAILOC.HDND head Chủ tịch HĐND huyện Đại Lộc',
          'QNA.D.DAILOC.HDND standing_member Phó Chủ tịch HĐND huyện Đại Lộc',
        ],
        ['QNA.D.DAILOC head Chủ tịch UBND huyện Đại Lộc'],
        [
          'QNA.D.DAILOC chief_of_office Chánh Văn phòng HĐND và UBND huyện Đại Lộc',
          'QNA.D.DAILOC.P.NV division_head Trưởng Phòng Nội vụ',
          'QNA.D.DAILOC.P.TCKH division_head Trưởng Phòng Tài chính - Kế hoạch',
          'QNA.D.DAILOC.P.TP division_head Trưởng Phòng Tư pháp',
          'QNA.D.DAILOC.P.VHTT division_head Trưởng Phòng Văn hóa và Thông tin',
        ],
        [
          ['AINGHIA', 'thị trấn Ái Nghĩa'],
          ['DAIDONG', 'xã Đại Đồng'],
          ['DAIHIEP', 'xã Đại Hiệp'],
          ['DAILANH', 'xã Đại Lãnh'],
        ].flatMap(([c, name]) => [
          `QNA.D.DAILOC.X.${c} head Chủ tịch UBND ${name}`,
          `QNA.D.DAILOC.X.${c} specialist Công chức Văn phòng - Thống kê ${name}`,
        ]),
      ]);
      const composition = t.app.get(CompositionService);
      const manager = t.dataSource.manager;
      await expect(composition.isDelegated(manager, conferenceId, { kind: 'bridge_point', id: daiLoc })).resolves.toBe(
        true,
      );
      await expect(
        composition.isDelegated(manager, conferenceId, { kind: 'bridge_point', id: hostPointId }),
      ).resolves.toBe(false);
      const resolved = await composition.resolveSite(manager, conferenceId, { kind: 'bridge_point', id: nuiThanh });
      const copied = (
        await t
          .http()
          .get(`/conferences/${conferenceId}/composition/rules`)
          .query({ siteKind: 'bridge_point', siteId: nuiThanh })
          .set(auth(admin))
      ).body.items;
      expect(copied.map((c: any) => [c.position, c.label, c.roles, c.delegate])).toEqual(
        lines.map((l, i) => [i + 1, l.label, l.roles, { to: 'site_host', unitId: null }]),
      );
      expect(resolved).toEqual({
        invitees: [],
        gaps: [],
        delegated: lines.map((l, i) => ({ ruleId: copied[i].id, unitId: id('QNA.D.NUITHANH'), label: l.label })),
      });
      const whole = await preview(conferenceId);
      const keys = whole.body.sites.map((s: any) => s.siteKey);
      // Points of one depth come by name, in the database's collation: compare the district points as a set.
      expect(keys.slice(0, 2)).toEqual(['conference', `bridge_point:${hostPointId}`]);
      expect(keys.slice(2).sort()).toEqual([daiLoc, ...others.map((o) => o.id)].map((p) => `bridge_point:${p}`).sort());
      const fillers = whole.body.sites
        .slice(2)
        .map((s: any) => code.get(s.delegated[0].unitId))
        .sort();
      expect(fillers).toEqual(
        (
          await t.dataSource.query(
            `SELECT external_code AS c FROM unit WHERE external_code ~ '^QNA\\.D\\.[A-Z]+$' ORDER BY 1`,
          )
        )
          .map((r: any) => r.c)
          .sort(),
      );
      expect(
        whole.body.sites
          .slice(2)
          .every((s: any) => s.delegated.length === 5 && new Set(s.delegated.map((d: any) => d.unitId)).size === 1),
      ).toBe(true);
      expect(whole.body.totals).toMatchObject({ delegatedRules: 90 });
      expect(whole.body.sites[2].delegated[0].suggestions).toBeNull();
    });
  });

  describe('seed 001 (Cần Thơ roundtable): three clusters', () => {
    let conferenceId: string;
    let clusters: { id: string; number: number }[];
    const r: Record<string, string> = {};
    const districtLines = [
      {
        label: 'Chủ tịch UBND quận, huyện',
        units: { kinds: ['district_committee'] },
        roles: ['head'],
        delegate: { to: 'site_units' },
      },
      {
        label: 'Trưởng phòng chuyên môn thuộc UBND quận, huyện',
        units: { kinds: ['division'] },
        roles: ['division_head'],
        delegate: { to: 'site_units' },
      },
      {
        label: 'Chánh Văn phòng Hội đồng nhân dân và UBND quận, huyện',
        units: { kinds: ['district_committee'] },
        roles: ['chief_of_office'],
        delegate: { to: 'site_units' },
      },
      {
        label: 'Công chức trực tiếp tham mưu công tác CCHC của quận, huyện',
        units: { kinds: ['division'] },
        roles: ['specialist'],
        delegate: { to: 'site_units' },
      },
      {
        label: 'Hội đồng xác định Chỉ số CCHC cấp huyện (tại địa phương tổ chức)',
        units: { kinds: ['working_group'] },
        roles: ['head', 'member'],
        delegate: { to: 'site_host' },
      },
      {
        label: 'Chủ tịch UBND và công chức Văn phòng Thống kê thuộc UBND xã, phường, thị trấn (tại địa phương tổ chức)',
        units: { kinds: ['commune_committee'] },
        roles: ['head', 'specialist'],
        delegate: { to: 'site_host' },
      },
    ];

    beforeAll(async () => {
      [{ id: conferenceId }] = await t.dataSource.query(
        `SELECT id FROM conference WHERE kind = 'roundtable' AND plan_reference = '/KH-SNV'`,
      );
      clusters = await t.dataSource.query(`SELECT id, number FROM cluster WHERE conference_id = $1 ORDER BY number`, [
        conferenceId,
      ]);
      for (const c of clusters) {
        const site = { kind: 'cluster', id: c.id };
        // "Sở Nội vụ … gửi Giấy mời cho đại biểu cấp thành phố": the organizer resolves these.
        r[`council${c.number}`] = await post(conferenceId, {
          site,
          label: 'Thành viên Hội đồng thẩm định Chỉ số CCHC thành phố',
          units: { ids: [id('CTO.HDTD')] },
          roles: ['head', 'deputy_head', 'member'],
        });
        r[`group${c.number}`] = await post(conferenceId, {
          site,
          label: 'Thành viên Tổ Giúp việc của Hội đồng thẩm định Chỉ số CCHC thành phố',
          units: { ids: [id('CTO.HDTD.TGV')] },
          roles: ['head', 'member'],
        });
        r[`leaders${c.number}`] = await post(conferenceId, {
          site,
          label: 'Lãnh đạo Phòng Cải cách hành chính - Văn thư, lưu trữ, Sở Nội vụ',
          units: { ids: [id('CTO.S.SNV.CCHC')] },
          roles: ['division_head', 'deputy_division_head'],
        });
        r[`specialists${c.number}`] = await post(conferenceId, {
          site,
          label: 'Các chuyên viên của Sở Nội vụ trực tiếp tham mưu về công tác CCHC',
          units: { ids: [id('CTO.S.SNV.CCHC')] },
          roles: ['specialist'],
        });
        for (const l of districtLines) await post(conferenceId, { site, ...l });
      }
    });

    it('resolves the city-level delegates of each cluster, and lists what each participating district fills', async () => {
      const res = await preview(conferenceId, { siteKind: 'cluster', siteId: clusters[0].id });
      const [site] = res.body.sites;
      expect(site).toMatchObject({
        site: { kind: 'cluster', id: clusters[0].id, name: 'Cụm 1' },
        delegatedSite: true,
        gaps: [],
      });
      expect(byRule(site.invitees, r.council1)).toEqual([
        'CTO.HDTD deputy_head Phó Chủ tịch Thường trực Hội đồng',
        'CTO.HDTD head Chủ tịch Hội đồng thẩm định Chỉ số CCHC',
        'CTO.HDTD member Thành viên Hội đồng',
        'CTO.HDTD member Thành viên Hội đồng',
      ]);
      expect(byRule(site.invitees, r.group1)).toEqual([
        'CTO.HDTD.TGV head Tổ trưởng Tổ giúp việc',
        'CTO.HDTD.TGV member Thành viên Tổ giúp việc',
        'CTO.HDTD.TGV member Thành viên Tổ giúp việc',
      ]);
      expect(byRule(site.invitees, r.leaders1)).toEqual([
        'CTO.S.SNV.CCHC deputy_division_head Phó Trưởng phòng Cải cách hành chính – Văn thư, lưu trữ',
      ]);
      expect(byRule(site.invitees, r.specialists1)).toEqual([]);
      const nhan = site.invitees.find((i: any) => i.fullName === 'Nguyễn Hoàng Nhân');
      expect(nhan).toMatchObject({ ruleId: r.group1, alsoMatching: [r.specialists1] });
      expect(site.invitees.find((i: any) => i.title === 'Tổ trưởng Tổ giúp việc').alsoMatching).toEqual([r.leaders1]);
      expect(site.counts).toEqual({ invitees: 8, gaps: 0, delegatedRules: 6, delegatedAdded: 0 });

      // Cụm 1: Vĩnh Thạnh hosts, Thốt Nốt and Cờ Đỏ take part: four lines for each, two for the host only.
      const fills = site.delegated.map((d: any) => `${code.get(d.unitId)} ${d.label}`);
      expect(fills).toEqual([
        ...districtLines
          .slice(0, 4)
          .flatMap((l) => ['CTO.D.VINHTHANH', 'CTO.D.THOTNOT', 'CTO.D.CODO'].map((c) => `${c} ${l.label}`)),
        ...districtLines.slice(4).map((l) => `CTO.D.VINHTHANH ${l.label}`),
      ]);
      const suggestionsOf = (unitCode: string) =>
        site.delegated
          .filter((d: any) => code.get(d.unitId) === unitCode)
          .map((d: any) => d.suggestions.map(line).sort());
      expect(suggestionsOf('CTO.D.THOTNOT')).toEqual([
        ['CTO.D.THOTNOT head Chủ tịch UBND quận Thốt Nốt'],
        [
          'CTO.D.THOTNOT.P.NV division_head Trưởng Phòng Nội vụ',
          'CTO.D.THOTNOT.P.VHTT division_head Trưởng Phòng Văn hóa và Thông tin',
        ],
        ['CTO.D.THOTNOT chief_of_office Chánh Văn phòng HĐND và UBND quận Thốt Nốt'],
        ['CTO.D.THOTNOT.P.NV specialist Công chức trực tiếp tham mưu công tác cải cách hành chính'],
      ]);
      const host = suggestionsOf('CTO.D.VINHTHANH');
      // The index council's chairman and members already come through the lines above: listed once.
      expect(host[4]).toEqual([]);
      expect(host[5]).toHaveLength(6);
      expect(host[5].filter((l: string) => / head Chủ tịch UBND /.test(l))).toHaveLength(3);
    });

    it('gives each cluster its own participating districts, and flags the city delegates invited to all three', async () => {
      const res = await preview(conferenceId);
      expect(res.body.sites.map((s: any) => s.site.name)).toEqual(['Cụm 1', 'Cụm 2', 'Cụm 3']);
      const units = res.body.sites.map((s: any) => [...new Set(s.delegated.map((d: any) => code.get(d.unitId)))]);
      expect(units).toEqual([
        ['CTO.D.VINHTHANH', 'CTO.D.THOTNOT', 'CTO.D.CODO'],
        ['CTO.D.PHONGDIEN', 'CTO.D.OMON', 'CTO.D.THOILAI'],
        ['CTO.D.BINHTHUY', 'CTO.D.NINHKIEU', 'CTO.D.CAIRANG'],
      ]);
      expect(res.body.sites.map((s: any) => s.counts)).toEqual(
        Array(3).fill({ invitees: 8, gaps: 0, delegatedRules: 6, delegatedAdded: 0 }),
      );
      expect(res.body.multiSite).toHaveLength(8);
      expect(res.body.multiSite[0].siteKeys).toEqual(clusters.map((c) => `cluster:${c.id}`));
      expect(res.body.totals).toEqual({ invitees: 24, people: 8, gaps: 0, delegatedRules: 18, delegatedAdded: 0 });
    });

    it('shows a count kept for a whole cluster as the cluster total, and a count kept per district on its lines', async () => {
      const composition = t.app.get(CompositionService);
      const [one, two] = clusters.map((c) => ({ kind: 'cluster' as const, id: c.id }));
      composition.registerDelegatedCounter(
        async () =>
          new Map([
            [siteKey(one), 7],
            [siteKey(two, id('CTO.D.PHONGDIEN')), 4],
          ]),
      );
      try {
        const [first, second] = (await preview(conferenceId)).body.sites;
        expect(first.delegated.every((d: any) => d.added === null)).toBe(true);
        expect(first.counts.delegatedAdded).toBe(7);
        expect(second.delegated.map((d: any) => `${code.get(d.unitId)} ${d.added}`)).toEqual(
          expect.arrayContaining(['CTO.D.PHONGDIEN 4', 'CTO.D.OMON 0']),
        );
        expect(second.counts.delegatedAdded).toBe(4);
      } finally {
        composition.registerDelegatedCounter(async () => new Map());
      }
    });
  });
});
