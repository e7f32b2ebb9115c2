import { ConferenceDemoLoader } from '../src/demo/conference-demo.loader';
import { seed000Conference, seed000DistrictPoints, seed000HostPoint } from '../src/demo/seed-000';
import { seed001Clusters, seed001Conference, seed001Template } from '../src/demo/seed-001';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, insertSeedDirectory } from './support/conference-fixtures';

/** Seeds 000 and 001 entered through the HTTP API as an organizer would, then read back field by field. */
describe('Seeds 000 and 001 through the API', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'put', path: string, body: object) =>
    t.http()[method](path).set(auth(organizer.token)).send(body);
  const get = (path: string) => t.http().get(path).set(auth(organizer.token));

  it('seed 000: a tentative online conference over the provincial host point and 18 district points', async () => {
    const created = await send('post', '/conferences', seed000Conference(units, null));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const conference = (await get(`/conferences/${id}`)).body;
    expect(conference).toMatchObject({
      title:
        'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022, triển khai các nhiệm vụ trọng tâm năm 2023',
      kind: 'conference',
      format: 'online',
      status: 'draft',
      organizingUnitId: units.QNA,
      chair: { personId: null, text: 'Chủ tịch Ủy ban nhân dân tỉnh' },
      fundingSource: 'Từ nguồn kinh phí cải cách hành chính được cấp trong ngân sách Sở Nội vụ năm 2023.',
      plan: { reference: '690/KH-UBND', issuedOn: '2023-02-13', issuingUnitId: units.QNA },
      timeZone: 'Asia/Ho_Chi_Minh',
      window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
      startsAt: null,
      endsAt: null,
    });
    expect(conference.purposes).toHaveLength(2);
    expect(conference.contentItems).toEqual([
      'Tổng kết công tác cải cách hành chính năm 2022.',
      'Triển khai chỉ đạo các nhiệm vụ trọng tâm công tác cải cách hành chính và chuyển đổi số năm 2023.',
      expect.stringMatching(/^Công bố kết quả xếp hạng Chỉ số cải cách hành chính/),
    ]);

    const host = await send('post', `/conferences/${id}/bridge-points`, seed000HostPoint(units));
    expect(host.body).toMatchObject({
      role: 'host',
      depth: 0,
      name: 'Điểm cầu tỉnh',
      unitId: units['QNA.VP'],
      room: 'Hội trường số 2 (Tầng 02)',
      address: 'Văn phòng Ủy ban nhân dân tỉnh Quảng Nam',
    });
    const bulk = await send('post', `/conferences/${id}/bridge-points/bulk`, seed000DistrictPoints(units));
    expect(bulk.body).toEqual({
      created: 18,
      existing: 0,
      levels: [{ level: 1, unitKind: 'district_committee', created: 18, existing: 0 }],
    });

    const remote = (await get(`/conferences/${id}/bridge-points?depth=1&limit=100`)).body;
    expect(remote.total).toBe(18);
    const byUnit = Object.fromEntries(remote.items.map((p: { unitId: string }) => [p.unitId, p]));
    expect(byUnit[units['QNA.D.NUITHANH']]).toMatchObject({
      name: 'Điểm cầu UBND huyện Núi Thành',
      role: 'remote',
      parentId: host.body.id,
      depth: 1,
      room: 'Phòng họp trực tuyến do Ủy ban nhân dân huyện, thị xã, thành phố bố trí',
    });
    expect(byUnit[units['QNA.D.TAMKY']].name).toBe('Điểm cầu UBND thành phố Tam Kỳ');
    const summary = (await get(`/conferences/${id}/bridge-points/summary`)).body;
    expect(summary.byLevel.map((l: { depth: number; count: number }) => [l.depth, l.count])).toEqual([
      [0, 1],
      [1, 18],
    ]);
    // Seed 000 says no expected attendance per point, and nobody is invited yet.
    const none = (points: number) => ({
      expected: 0,
      approximatePoints: 0,
      withoutExpected: points,
      invited: 0,
      confirmed: 0,
    });
    expect(summary.byParent).toEqual([
      { parentId: null, parentName: null, count: 1, attendance: none(1) },
      { parentId: host.body.id, parentName: 'Điểm cầu tỉnh', count: 18, attendance: none(18) },
    ]);

    // The date is fixed later: confirming it inside the window leaves no date warnings.
    await send('post', `/conferences/${id}/schedule`, {
      startsAt: '2026-03-08T07:30:00+07:00',
      endsAt: '2026-03-08T11:30:00+07:00',
    }).expect(200);
    const checkCodes = (await get(`/conferences/${id}/checks`)).body.checks.map((c: { code: string }) => c.code);
    expect(checkCodes).toEqual(
      expect.arrayContaining([
        'BRIDGE_POINT_NO_COORDINATOR',
        'BRIDGE_POINT_NO_LINK',
        'DATE_OTHER_YEAR',
        'SCHEDULE_OUTSIDE_WINDOW',
      ]),
    );
  });

  it('seed 001: a roundtable in three clusters with the nine-slot agenda, warned about its 2022 dates', async () => {
    const created = await send('post', '/conferences', seed001Conference(units));
    const id = created.body.id;
    expect(created.body).toMatchObject({
      title: 'Tọa đàm chia sẻ kinh nghiệm về công tác cải cách hành chính năm 2023',
      kind: 'roundtable',
      format: 'in_person',
      organizingUnitId: units['CTO.S.SNV'],
      plan: { reference: '/KH-SNV', issuedOn: '2023-03', issuingUnitId: units['CTO.S.SNV'] },
      fundingSource: 'Kinh phí tổ chức Tọa đàm chi từ nguồn cải cách hành chính thành phố cấp cho Sở Nội vụ.',
      window: null,
    });
    expect(created.body.contentItems).toHaveLength(7);
    await send('put', `/conferences/${id}/agenda-template`, { slots: seed001Template(units) }).expect(200);
    const clusters: Record<string, any>[] = [];
    for (const body of seed001Clusters(units))
      clusters.push((await send('post', `/conferences/${id}/clusters`, body)).body);

    expect(
      clusters.map((k) => [k.number, k.startsAt, k.endsAt, k.hostUnitId, k.venue, k.unitIds, k.attendance]),
    ).toEqual([
      [
        1,
        '2023-04-05T13:30:00+07:00',
        '2023-04-05T17:00:00+07:00',
        units['CTO.D.VINHTHANH'],
        'Ủy ban nhân dân huyện Vĩnh Thạnh',
        [units['CTO.D.VINHTHANH'], units['CTO.D.THOTNOT'], units['CTO.D.CODO']],
        { min: 40, max: 60 },
      ],
      [
        2,
        '2022-04-07T13:30:00+07:00',
        '2022-04-07T17:00:00+07:00',
        units['CTO.D.PHONGDIEN'],
        'Ủy ban nhân dân huyện Phong Điền',
        [units['CTO.D.PHONGDIEN'], units['CTO.D.OMON'], units['CTO.D.THOILAI']],
        { min: 40, max: 60 },
      ],
      [
        3,
        '2022-04-11T13:30:00+07:00',
        '2022-04-11T17:00:00+07:00',
        units['CTO.D.BINHTHUY'],
        'Ủy ban nhân dân quận Bình Thủy',
        [units['CTO.D.BINHTHUY'], units['CTO.D.NINHKIEU'], units['CTO.D.CAIRANG']],
        { min: 40, max: 60 },
      ],
    ]);

    const expected = [
      ['13:30', '14:00', 'reception', 'Đón tiếp đại biểu', 'Ban Tổ chức'],
      ['14:00', '14:05', 'opening', 'Khai mạc', 'Ban Tổ chức'],
      ['14:05', '14:15', 'speech', 'Phát biểu của lãnh đạo Sở Nội vụ', 'Lãnh đạo Sở Nội vụ'],
      [
        '14:15',
        '15:00',
        'presentation',
        'Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI thành phố Cần Thơ năm 2022; Phân tích chỉ số CCHC năm 2022 của các quận, huyện',
        'Lãnh đạo Phòng Cải cách hành chính – Văn thư, lưu trữ Sở Nội vụ',
      ],
      [
        '15:00',
        '15:30',
        'discussion',
        'Chia sẻ kinh nghiệm về công tác CCHC của quận, huyện',
        'Đại diện lãnh đạo UBND quận, huyện',
      ],
      ['15:30', '15:45', 'break', 'Giải lao', 'Đại biểu'],
      [
        '15:45',
        '16:00',
        'discussion',
        'Chia sẻ kinh nghiệm về những sáng kiến cải cách hành chính đang áp dụng tại địa phương',
        'UBND quận, huyện',
      ],
      ['16:00', '16:30', 'training', 'Tập huấn chuyên đổi số', 'Đại diện lãnh đạo Sở Thông tin và Truyền thông'],
      ['16:30', '17:00', 'closing', 'Kết luận hội nghị', 'Lãnh đạo Sở Nội vụ'],
    ];
    for (const k of clusters) {
      const agenda = (await get(`/conferences/${id}/clusters/${k.id}/agenda`)).body;
      const day = k.startsAt.slice(0, 10);
      expect(
        agenda.slots.map(
          (s: { startsAt: string; endsAt: string; kind: string; title: string; performer: { label: string } }) => [
            s.startsAt,
            s.endsAt,
            s.kind,
            s.title,
            s.performer.label,
          ],
        ),
      ).toEqual(
        expected.map(([from, to, kind, title, who]) => [
          `${day}T${from}:00+07:00`,
          `${day}T${to}:00+07:00`,
          kind,
          title,
          who,
        ]),
      );
      expect(agenda.gaps).toEqual([]);
      expect(agenda.slots[2].performer).toMatchObject({
        unitId: units['CTO.S.SNV'],
        unitName: 'Sở Nội vụ thành phố Cần Thơ',
      });
    }
    const html = await get(`/conferences/${id}/clusters/${clusters[0].id}/agenda.html`);
    expect(html.text).toContain(
      '<td class="time">16:30 – 17:00</td><td>Kết luận hội nghị</td><td>Lãnh đạo Sở Nội vụ</td>',
    );

    const checks = (await get(`/conferences/${id}/checks`)).body.checks as {
      code: string;
      severity: string;
      target: { id: string };
      message: { vi: string };
    }[];
    const before = checks.filter((c) => c.code === 'DATE_BEFORE_PLAN');
    expect(before.map((c) => [c.severity, c.target.id])).toEqual([
      ['warning', clusters[1].id],
      ['warning', clusters[2].id],
    ]);
    expect(before[0].message.vi).toBe('Ngày 07/4/2022 của cụm 2 trước ngày ban hành kế hoạch (tháng 3/2023).');
    expect(checks.filter((c) => c.code === 'CLUSTERS_OUT_OF_ORDER').map((c) => c.target.id)).toEqual([clusters[1].id]);
    expect(checks.some((c) => c.target.id === clusters[0].id && c.code.startsWith('DATE_BEFORE'))).toBe(false);
  });
});

describe('The demo loader', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await insertSeedDirectory(t);
  });
  afterAll(() => t.close());

  it('the demo loader makes both seeds once, through the services', async () => {
    const loader = t.app.get(ConferenceDemoLoader);
    await expect(loader.load()).resolves.toEqual({ created: ['000', '001'], skipped: [] });
    await expect(loader.load()).resolves.toEqual({ created: [], skipped: ['000', '001'] });
    const admin = await t.adminToken();
    const list = (await t.http().get('/conferences?limit=500').set(auth(admin))).body.items as {
      id: string;
      plan: { reference: string };
    }[];
    expect(list.map((c) => c.plan.reference).sort()).toEqual(['/KH-SNV', '690/KH-UBND']);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id JOIN conference_member m ON m.conference_id = c.id AND m.role = 'owner'
        JOIN app_user u ON u.id = m.user_id AND u.role = 'admin' WHERE c.plan_reference = '690/KH-UBND'`,
    );
    expect(n).toBe(19);
    const [{ slots }] = await t.dataSource.query(
      `SELECT count(*)::int AS slots FROM agenda_slot s JOIN conference c ON c.id = s.conference_id WHERE c.plan_reference = '/KH-SNV'`,
    );
    expect(slots).toBe(27);
  });

  it('the demo loader says which directory units it misses', async () => {
    await t.dataSource.query(`UPDATE unit SET external_code = NULL WHERE external_code = 'CTO.D.CODO'`);
    await t.dataSource.query(`DELETE FROM conference WHERE plan_reference = '/KH-SNV'`);
    await expect(t.app.get(ConferenceDemoLoader).load()).rejects.toThrow('missing units: CTO.D.CODO');
  });
});
