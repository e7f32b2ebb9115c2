import { CompositionService } from '../src/composition/composition.service';
import { siteKey } from '../src/composition/composition.types';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { createPerson, createUnit } from './support/directory';

const GHOST = '00000000-0000-4000-8000-000000000000';

describe('Attendee composition: rules, preview and the contract', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let composition: CompositionService;
  const u: Record<string, string> = {};
  const p: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await apiUser(t, 'organizer');
    composition = t.app.get(CompositionService);
    const unit = async (key: string, name: string, kind: string, parent?: string) =>
      (u[key] = (await createUnit(t, organizer.token, { name, kind, parentId: parent ? u[parent] : null })).id);
    const person = async (key: string, fullName: string, positions: [string, string][]) =>
      (p[key] = (
        await createPerson(t, organizer.token, {
          fullName,
          email: `${key}@test.gov.vn`,
          positions: positions.map(([unitId, role]) => ({ unitId: u[unitId], role })),
        })
      ).id);
    await unit('province', 'UBND tỉnh Thử', 'provincial_committee');
    await unit('snv', 'Sở Nội vụ', 'department', 'province');
    await unit('stp', 'Sở Tư pháp', 'department', 'province');
    await unit('stc', 'Sở Tài chính', 'department', 'province');
    await unit('council', 'Hội đồng thẩm định', 'working_group', 'province');
    await unit('district', 'UBND huyện A', 'district_committee', 'province');
    await unit('closed', 'Sở đã giải thể', 'department', 'province');
    await person('snvHead', 'An Văn Giám', [
      ['snv', 'head'],
      ['snv', 'chief_of_office'],
      ['council', 'member'],
    ]);
    await person('snvDeputy', 'Bình Thị Phó', [['snv', 'deputy_head']]);
    await person('stpHead', 'Cao Văn Tư', [['stp', 'head']]);
    await person('stpOffice', 'Dương Thị Văn', [['stp', 'chief_of_office']]);
    await person('member', 'Đỗ Văn Hội', [['council', 'member']]);
    await person('gone', 'Lê Văn Nghỉ', [['stc', 'head']]);
    await t.http().delete(`/people/${p.gone}`).set(auth(organizer.token)).expect(200);
    await t.http().delete(`/units/${u.closed}`).set(auth(organizer.token)).expect(200);
  });
  afterAll(() => t.close());

  const rules = (id: string) => `/conferences/${id}/composition/rules`;
  const post = (path: string, body: object, token = organizer.token) => t.http().post(path).set(auth(token)).send(body);
  const preview = (id: string, query: Record<string, string> = {}, token = organizer.token) =>
    t.http().get(`/conferences/${id}/composition/preview`).query(query).set(auth(token));
  const headsOfDepartments = () => ({
    label: 'Thủ trưởng các Sở',
    units: { kinds: ['department'], childrenOf: u.province },
    roles: ['head'],
  });

  async function conferenceWithPoint(): Promise<{ id: string; pointId: string }> {
    const c = await createConference(t, organizer.token);
    const point = await post(`/conferences/${c.id}/bridge-points`, {
      role: 'host',
      name: 'Điểm cầu tỉnh',
      unitId: u.province,
    });
    return { id: c.id, pointId: point.body.id };
  }

  it('creates, reads, lists, changes and removes a rule, each change in the audit log', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const created = await post(rules(id), {
      site: { kind: 'bridge_point', id: pointId },
      ...headsOfDepartments(),
      maxPerUnit: 1,
      note: ' theo Kế hoạch ',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      conferenceId: id,
      site: { kind: 'bridge_point', id: pointId },
      siteKey: `bridge_point:${pointId}`,
      position: 1,
      label: 'Thủ trưởng các Sở',
      units: { kinds: ['department'], ids: null, childrenOf: u.province, within: null },
      roles: ['head'],
      everyone: false,
      maxPerUnit: 1,
      delegate: null,
      note: 'theo Kế hoạch',
    });
    const second = await post(rules(id), {
      site: { kind: 'conference' },
      label: 'Hội đồng',
      units: { within: u.council },
      everyone: true,
    });
    expect(second.body).toMatchObject({
      site: { kind: 'conference', id: null },
      siteKey: 'conference',
      position: 1,
      roles: null,
      everyone: true,
    });
    const got = await t
      .http()
      .get(`${rules(id)}/${created.body.id}`)
      .set(auth(organizer.token));
    expect(got.body).toEqual(created.body);
    const changed = await t
      .http()
      .patch(`${rules(id)}/${created.body.id}`)
      .set(auth(organizer.token))
      .send({ roles: ['head', 'deputy_head'], maxPerUnit: null, position: 3, label: null });
    expect(changed.body).toMatchObject({
      roles: ['head', 'deputy_head'],
      maxPerUnit: null,
      position: 3,
      units: created.body.units,
      label: 'Thủ trưởng các Sở',
    });
    const onePoint = await t
      .http()
      .get(rules(id))
      .query({ siteKind: 'bridge_point', siteId: pointId })
      .set(auth(organizer.token));
    expect(onePoint.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    const all = await t.http().get(rules(id)).set(auth(organizer.token));
    expect(all.body.items).toHaveLength(2);
    await t
      .http()
      .delete(`${rules(id)}/${second.body.id}`)
      .set(auth(organizer.token))
      .expect(204);
    await t
      .http()
      .get(`${rules(id)}/${second.body.id}`)
      .set(auth(organizer.token))
      .expect(404);
    const admin = await t.adminToken();
    const log = await t
      .http()
      .get('/audit')
      .query({ conferenceId: id, entityType: 'composition_rule' })
      .set(auth(admin));
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'composition_rule.remove',
      'composition_rule.update',
      'composition_rule.create',
      'composition_rule.create',
    ]);
    expect(log.body.items[1]).toMatchObject({
      before: { roles: ['head'], maxPerUnit: 1 },
      after: { roles: ['head', 'deputy_head'], maxPerUnit: null },
    });
  });

  it('previews who comes through which rule, once per person, capped per unit, with gaps, leaving deactivated people out', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const site = { kind: 'bridge_point', id: pointId };
    const heads = await post(rules(id), {
      site,
      ...headsOfDepartments(),
      roles: ['head', 'deputy_head'],
      maxPerUnit: 1,
    });
    const offices = await post(rules(id), {
      site,
      label: 'Chánh Văn phòng các Sở',
      units: { kinds: ['department'], within: u.province },
      roles: ['chief_of_office'],
    });
    const council = await post(rules(id), {
      site,
      label: 'Thành viên Hội đồng',
      units: { ids: [u.council] },
      roles: ['member'],
    });
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_entry');
    const res = await preview(id, { siteKind: 'bridge_point', siteId: pointId });
    expect(res.status).toBe(200);
    const [point] = res.body.sites;
    expect(point).toMatchObject({
      site: { kind: 'bridge_point', id: pointId, name: 'Điểm cầu tỉnh' },
      siteKey: `bridge_point:${pointId}`,
      delegatedSite: false,
      delegated: [],
    });
    expect(point.invitees.map((i: any) => [i.fullName, i.unitName, i.role, i.ruleId, i.alsoMatching])).toEqual([
      ['An Văn Giám', 'Sở Nội vụ', 'head', heads.body.id, [offices.body.id, council.body.id]],
      ['Cao Văn Tư', 'Sở Tư pháp', 'head', heads.body.id, []],
      ['Dương Thị Văn', 'Sở Tư pháp', 'chief_of_office', offices.body.id, []],
      ['Đỗ Văn Hội', 'Hội đồng thẩm định', 'member', council.body.id, []],
    ]);
    expect(point.invitees[0]).toMatchObject({ personId: p.snvHead, email: 'snvhead@test.gov.vn', unitId: u.snv });
    // Sở Tài chính's head is deactivated: a gap in both rules; the dissolved department is not selected.
    expect(point.gaps).toEqual([
      { ruleId: heads.body.id, unitId: u.stc, unitName: 'Sở Tài chính', role: 'head' },
      { ruleId: heads.body.id, unitId: u.stc, unitName: 'Sở Tài chính', role: 'deputy_head' },
      { ruleId: offices.body.id, unitId: u.stc, unitName: 'Sở Tài chính', role: 'chief_of_office' },
    ]);
    expect(point.counts).toEqual({ invitees: 4, gaps: 3, delegatedRules: 0, delegatedAdded: 0 });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM audit_entry')).toEqual(before);
  });

  it('shows delegated rules as to be filled by their unit, with the count the registered counter gives', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const district = await post(`/conferences/${id}/bridge-points`, { name: 'Điểm cầu huyện A', unitId: u.district });
    const noUnit = await post(`/conferences/${id}/bridge-points`, { name: 'Điểm cầu chưa có đơn vị' });
    const byHost = await post(rules(id), {
      site: { kind: 'bridge_point', id: district.body.id },
      label: 'Chủ tịch UBND các xã',
      units: { kinds: ['commune_committee'] },
      roles: ['head'],
      delegate: { to: 'site_host' },
    });
    const named = await post(rules(id), {
      site: { kind: 'bridge_point', id: district.body.id },
      label: 'Công chức Sở Nội vụ',
      everyone: true,
      delegate: { to: 'unit', unitId: u.snv },
    });
    await post(rules(id), {
      site: { kind: 'bridge_point', id: noUnit.body.id },
      label: 'Thành phần do điểm cầu mời',
      everyone: true,
      delegate: { to: 'site_host' },
    });
    await post(rules(id), { site: { kind: 'bridge_point', id: pointId }, ...headsOfDepartments() });

    const withoutCounter = await preview(id);
    const districtSite = withoutCounter.body.sites.find((s: any) => s.site.id === district.body.id);
    expect(districtSite).toMatchObject({ delegatedSite: true, invitees: [], gaps: [] });
    expect(districtSite.delegated).toEqual([
      {
        ruleId: byHost.body.id,
        label: 'Chủ tịch UBND các xã',
        unitId: u.district,
        unitName: 'UBND huyện A',
        added: 0,
        text: { vi: 'Do UBND huyện A mời', en: 'To be filled by UBND huyện A' },
        suggestions: null,
      },
      {
        ruleId: named.body.id,
        label: 'Công chức Sở Nội vụ',
        unitId: u.snv,
        unitName: 'Sở Nội vụ',
        added: 0,
        text: { vi: 'Do Sở Nội vụ mời', en: 'To be filled by Sở Nội vụ' },
        suggestions: null,
      },
    ]);
    // One site's preview suggests to each delegate the people of its own tree the rule describes.
    const one = await preview(id, { siteKind: 'bridge_point', siteId: district.body.id });
    expect(one.body.sites[0].delegated.map((d: any) => d.suggestions.map((i: any) => [i.fullName, i.role]))).toEqual([
      [],
      [
        ['An Văn Giám', 'chief_of_office'],
        ['Bình Thị Phó', 'deputy_head'],
      ],
    ]);
    await expect(
      composition.suggestDelegated(t.dataSource.manager, id, { kind: 'bridge_point', id: district.body.id }, u.snv),
    ).resolves.toHaveLength(2);
    const orphan = withoutCounter.body.sites.find((s: any) => s.site.id === noUnit.body.id);
    expect(orphan.delegated).toEqual([
      expect.objectContaining({
        unitId: null,
        unitName: null,
        added: 0,
        text: {
          vi: 'Do đơn vị chủ trì điểm cầu mời (chưa xác định đơn vị)',
          en: "To be filled by the site's host unit (not set yet)",
        },
      }),
    ]);

    composition.registerDelegatedCounter(async (manager, conferenceId) => {
      const [{ n }] = await manager.query('SELECT count(*)::int AS n FROM bridge_point WHERE conference_id = $1', [
        conferenceId,
      ]);
      return new Map([
        [siteKey({ kind: 'bridge_point', id: district.body.id }, u.district), n * 10],
        [siteKey({ kind: 'bridge_point', id: district.body.id }, u.snv), 2],
        [siteKey({ kind: 'bridge_point', id: noUnit.body.id }), 5],
      ]);
    });
    try {
      const counted = await preview(id);
      const site = counted.body.sites.find((s: any) => s.site.id === district.body.id);
      expect(site.delegated.map((d: any) => d.added)).toEqual([30, 2]);
      expect(site.counts).toEqual({ invitees: 0, gaps: 0, delegatedRules: 2, delegatedAdded: 32 });
      expect(counted.body.sites.find((s: any) => s.site.id === noUnit.body.id).delegated[0].added).toBe(5);
      expect(counted.body.totals).toMatchObject({ delegatedRules: 3, delegatedAdded: 37 });
    } finally {
      composition.registerDelegatedCounter(async () => new Map());
    }
  });

  it('answers the invitations contract: resolveSite and isDelegated', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const heads = await post(rules(id), { site: { kind: 'bridge_point', id: pointId }, ...headsOfDepartments() });
    const delegated = await post(rules(id), {
      site: { kind: 'bridge_point', id: pointId },
      label: 'Do Sở Nội vụ mời',
      everyone: true,
      delegate: { to: 'unit', unitId: u.snv },
    });
    const conferenceRule = await post(rules(id), {
      site: { kind: 'conference' },
      label: 'Hội đồng',
      units: { ids: [u.council] },
      roles: ['member'],
    });
    const point = { kind: 'bridge_point' as const, id: pointId };
    const resolved = await composition.resolveSite(t.dataSource.manager, id, point);
    expect(resolved).toEqual({
      invitees: [
        { personId: p.snvHead, unitId: u.snv, ruleId: heads.body.id },
        { personId: p.stpHead, unitId: u.stp, ruleId: heads.body.id },
      ],
      delegated: [{ ruleId: delegated.body.id, unitId: u.snv, label: 'Do Sở Nội vụ mời' }],
      gaps: [{ ruleId: heads.body.id, unitId: u.stc, role: 'head' }],
    });
    await expect(composition.resolveSite(t.dataSource.manager, id, { kind: 'conference' })).resolves.toEqual({
      invitees: [
        { personId: p.snvHead, unitId: u.council, ruleId: conferenceRule.body.id },
        { personId: p.member, unitId: u.council, ruleId: conferenceRule.body.id },
      ],
      delegated: [],
      gaps: [],
    });
    await expect(composition.isDelegated(t.dataSource.manager, id, point)).resolves.toBe(true);
    await expect(composition.isDelegated(t.dataSource.manager, id, { kind: 'conference' })).resolves.toBe(false);
    const whole = await preview(id);
    expect(whole.body.multiSite).toEqual([
      { personId: p.snvHead, fullName: 'An Văn Giám', siteKeys: ['conference', `bridge_point:${pointId}`] },
    ]);
    expect(whole.body.totals).toEqual({ invitees: 4, people: 3, gaps: 1, delegatedRules: 1, delegatedAdded: 0 });
    const other = await conferenceWithPoint();
    await expect(
      composition.resolveSite(t.dataSource.manager, id, { kind: 'bridge_point', id: other.pointId }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('refuses bad rules with 422 naming the field and rule, and writes nothing', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const other = await conferenceWithPoint();
    const site = { kind: 'bridge_point', id: pointId };
    const refused = async (body: object, errors: { field: string; rule: string }[], code = 'VALIDATION_FAILED') => {
      const res = await post(rules(id), body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code });
      expect(res.body.errors.map((e: { field: string; rule: string }) => ({ field: e.field, rule: e.rule }))).toEqual(
        errors,
      );
    };
    await refused({ site, label: 'x', units: { kinds: ['sở'] }, roles: ['boss'] }, [
      { field: 'units.kinds', rule: 'isIn' },
      { field: 'roles', rule: 'isIn' },
    ]);
    await refused({ site, label: 'x', units: { kinds: ['department'] }, roles: ['head'], maxPerUnit: 0 }, [
      { field: 'maxPerUnit', rule: 'min' },
    ]);
    await refused({ site, label: 'x', units: {}, roles: ['head'] }, [{ field: 'units', rule: 'required' }]);
    await refused({ site, label: 'x', roles: ['head'] }, [{ field: 'units', rule: 'required' }]);
    await refused({ site, label: 'x', units: { ids: [u.snv], kinds: ['department'] }, roles: ['head'] }, [
      { field: 'units.ids', rule: 'exclusive' },
    ]);
    await refused({ site, label: 'x', units: { childrenOf: u.province, within: u.province }, roles: ['head'] }, [
      { field: 'units.within', rule: 'exclusive' },
    ]);
    await refused({ site, label: 'x', units: { kinds: ['department'] } }, [{ field: 'roles', rule: 'required' }]);
    await refused({ site, label: 'x', units: { kinds: ['department'] }, roles: ['head'], everyone: true }, [
      { field: 'everyone', rule: 'exclusive' },
    ]);
    await refused({ site: { kind: 'cluster' }, label: 'x', units: { kinds: ['department'] }, roles: ['head'] }, [
      { field: 'site.id', rule: 'required' },
    ]);
    await refused({ site: { kind: 'room' }, label: '', units: { kinds: ['department'] }, roles: ['head'] }, [
      { field: 'site.kind', rule: 'isIn' },
      { field: 'label', rule: 'minLength' },
    ]);
    await refused({ site: { kind: 'conference' }, label: 'x', roles: ['head'], delegate: { to: 'site_host' } }, [
      { field: 'delegate.to', rule: 'siteHasNoHost' },
    ]);
    await refused({ site, label: 'x', roles: ['head'], delegate: { to: 'unit' } }, [
      { field: 'delegate.unitId', rule: 'required' },
    ]);
    await refused({ site, label: 'x', roles: ['head'], units: { within: u.district }, delegate: { to: 'site_host' } }, [
      { field: 'units.within', rule: 'delegatedScope' },
    ]);
    await refused({ site, label: 'x', roles: ['head'], delegate: { to: 'site_units' } }, [
      { field: 'delegate.to', rule: 'clusterOnly' },
    ]);
    await refused(
      { site, label: 'x', units: { ids: [u.snv, GHOST, u.closed] }, roles: ['head'] },
      [
        { field: 'units.ids[1]', rule: 'reference' },
        { field: 'units.ids[2]', rule: 'inactiveUnit' },
      ],
      'REFERENCE_NOT_FOUND',
    );
    await refused(
      { site, label: 'x', units: { within: GHOST }, roles: ['head'] },
      [{ field: 'units.within', rule: 'reference' }],
      'REFERENCE_NOT_FOUND',
    );
    await refused(
      { site: { kind: 'bridge_point', id: other.pointId }, ...headsOfDepartments() },
      [{ field: 'site.id', rule: 'reference' }],
      'REFERENCE_NOT_FOUND',
    );
    await refused({ site, ...headsOfDepartments(), units: { ids: ['not-a-uuid'] } }, [
      { field: 'units.ids', rule: 'isUuid' },
    ]);
    await refused({ site, ...headsOfDepartments(), colour: 'red' }, [{ field: 'colour', rule: 'unknownProperty' }]);
    const list = await t.http().get(rules(id)).set(auth(organizer.token));
    expect(list.body.items).toEqual([]);

    const rule = await post(rules(id), { site, ...headsOfDepartments() });
    const patch = (body: object) =>
      t
        .http()
        .patch(`${rules(id)}/${rule.body.id}`)
        .set(auth(organizer.token))
        .send(body);
    expect((await patch({ units: { ids: [u.snv], childrenOf: u.province } })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'units.ids', rule: 'exclusive' }],
    });
    expect((await patch({ site: { kind: 'conference' } })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'site', rule: 'unknownProperty' }],
    });
    expect((await patch({ everyone: true, roles: ['head'] })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'everyone', rule: 'exclusive' }],
    });
    expect((await patch({ units: null, roles: null })).body).toMatchObject({
      status: 422,
      errors: [
        { field: 'units', rule: 'required' },
        { field: 'roles', rule: 'required' },
      ],
    });
    expect((await patch({ maxPerUnit: 0, label: '' })).body).toMatchObject({
      status: 422,
      errors: [
        { field: 'label', rule: 'minLength' },
        { field: 'maxPerUnit', rule: 'min' },
      ],
    });
    expect((await post(rules(id), { site: null, ...headsOfDepartments() })).status).toBe(422);
    expect(
      (await t.http().get(rules(id)).query({ siteKind: 'conference', siteId: pointId }).set(auth(organizer.token)))
        .body,
    ).toMatchObject({ status: 422, errors: [{ field: 'siteId', rule: 'forbidden' }] });
    const unchanged = await t
      .http()
      .get(`${rules(id)}/${rule.body.id}`)
      .set(auth(organizer.token));
    expect(unchanged.body).toEqual(rule.body);
    expect((await preview(id, { siteKind: 'cluster' })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'siteId', rule: 'required' }],
    });
    expect((await preview(id, { siteId: pointId })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'siteKind', rule: 'required' }],
    });
    expect((await preview(id, { siteKind: 'everywhere' })).body).toMatchObject({
      status: 422,
      errors: [{ field: 'siteKind', rule: 'isIn' }],
    });
    await preview(id, { siteKind: 'bridge_point', siteId: other.pointId }).expect(404);
    await t
      .http()
      .get(`${rules(id)}/not-a-uuid`)
      .set(auth(organizer.token))
      .expect(404);
    await t
      .http()
      .get(`${rules(other.id)}/${rule.body.id}`)
      .set(auth(organizer.token))
      .expect(404);
  });

  it('copies the rules of one site to others, after their own rules, and refuses copies that cannot apply', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const a = await post(`/conferences/${id}/bridge-points`, { name: 'Điểm cầu A', unitId: u.district });
    const b = await post(`/conferences/${id}/bridge-points`, { name: 'Điểm cầu B', unitId: u.stp });
    const source = { kind: 'bridge_point', id: a.body.id };
    await post(rules(id), {
      site: source,
      label: 'Chủ tịch UBND các xã',
      units: { kinds: ['commune_committee'] },
      roles: ['head'],
      delegate: { to: 'site_host' },
    });
    await post(rules(id), { site: source, ...headsOfDepartments(), maxPerUnit: 1 });
    const own = await post(rules(id), {
      site: { kind: 'bridge_point', id: b.body.id },
      label: 'Riêng của B',
      units: { ids: [u.council] },
      roles: ['member'],
    });
    const copy = (body: object) => post(`${rules(id)}/copy`, body);
    const res = await copy({
      from: source,
      to: [
        { kind: 'bridge_point', id: b.body.id },
        { kind: 'bridge_point', id: pointId },
      ],
    });
    expect(res.body).toEqual({ from: `bridge_point:${a.body.id}`, sites: 2, rulesPerSite: 2, created: 4 });
    const atB = await t
      .http()
      .get(rules(id))
      .query({ siteKind: 'bridge_point', siteId: b.body.id })
      .set(auth(organizer.token));
    expect(atB.body.items.map((r: any) => [r.position, r.label, r.maxPerUnit, r.delegate])).toEqual([
      [1, 'Riêng của B', null, null],
      [2, 'Chủ tịch UBND các xã', null, { to: 'site_host', unitId: null }],
      [3, 'Thủ trưởng các Sở', 1, null],
    ]);
    expect(atB.body.items[0].id).toBe(own.body.id);
    const shown = await preview(id, { siteKind: 'bridge_point', siteId: b.body.id });
    expect(shown.body.sites[0].delegated.map((d: any) => d.text.vi)).toEqual(['Do Sở Tư pháp mời']);
    const admin = await t.adminToken();
    const log = await t
      .http()
      .get('/audit')
      .query({ conferenceId: id, entityType: 'composition_rule' })
      .set(auth(admin));
    expect(log.body.items[0]).toMatchObject({
      action: 'composition_rule.copy',
      after: { created: 4, to: [`bridge_point:${b.body.id}`, `bridge_point:${pointId}`] },
    });

    const other = await conferenceWithPoint();
    const refusedCopy = async (body: object, errors: { field: string; rule: string }[]) => {
      const r = await copy(body);
      expect(r.status).toBe(422);
      expect(r.body.errors.map((e: { field: string; rule: string }) => ({ field: e.field, rule: e.rule }))).toEqual(
        errors,
      );
    };
    await refusedCopy({ from: source, to: [{ kind: 'bridge_point', id: pointId }, source] }, [
      { field: 'to[1]', rule: 'sameSite' },
    ]);
    await refusedCopy(
      {
        from: source,
        to: [
          { kind: 'bridge_point', id: b.body.id },
          { kind: 'bridge_point', id: b.body.id },
          { kind: 'bridge_point', id: other.pointId },
        ],
      },
      [
        { field: 'to[1]', rule: 'duplicate' },
        { field: 'to[2].id', rule: 'reference' },
      ],
    );
    await refusedCopy({ from: source, to: [{ kind: 'conference' }] }, [{ field: 'to[0].kind', rule: 'siteHasNoHost' }]);
    await refusedCopy({ from: { kind: 'conference' }, to: [source] }, [{ field: 'from', rule: 'noRules' }]);
    await refusedCopy({ from: { kind: 'cluster' }, to: [] }, [{ field: 'to', rule: 'arrayMinSize' }]);
    await refusedCopy({ from: { kind: 'cluster' }, to: [{ kind: 'conference', id: pointId }] }, [
      { field: 'from.id', rule: 'required' },
      { field: 'to[0].id', rule: 'forbidden' },
    ]);
    const count = await t.dataSource.query('SELECT count(*)::int AS n FROM composition_rule WHERE conference_id = $1', [
      id,
    ]);
    expect(count).toEqual([{ n: 7 }]);
  });

  it('lets observers read, keeps strangers out with 404, and goes with its bridge point', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const rule = await post(rules(id), { site: { kind: 'bridge_point', id: pointId }, ...headsOfDepartments() });
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(rules(id)).set(auth(stranger.token)).expect(404);
    await preview(id, {}, stranger.token).expect(404);
    await post(rules(id), { site: { kind: 'conference' }, ...headsOfDepartments() }, stranger.token).expect(404);
    const watcher = await apiUser(t, 'organizer');
    await post(`/conferences/${id}/members`, { userId: watcher.userId, role: 'observer' }).expect(201);
    await t.http().get(rules(id)).set(auth(watcher.token)).expect(200);
    await preview(id, {}, watcher.token).expect(200);
    await post(rules(id), { site: { kind: 'conference' }, ...headsOfDepartments() }, watcher.token).expect(403);
    await t
      .http()
      .delete(`${rules(id)}/${rule.body.id}`)
      .set(auth(watcher.token))
      .expect(403);
    await t.http().delete(`/conferences/${id}/bridge-points/${pointId}`).set(auth(organizer.token)).expect(204);
    await t
      .http()
      .get(`${rules(id)}/${rule.body.id}`)
      .set(auth(organizer.token))
      .expect(404);
  });

  it('refuses changes once the conference is cancelled', async () => {
    const { id, pointId } = await conferenceWithPoint();
    const rule = await post(rules(id), { site: { kind: 'bridge_point', id: pointId }, ...headsOfDepartments() });
    await post(`/conferences/${id}/cancel`, { reason: 'Hoãn vô thời hạn' }).expect(200);
    expect(
      (
        await t
          .http()
          .patch(`${rules(id)}/${rule.body.id}`)
          .set(auth(organizer.token))
          .send({ label: 'y' })
      ).body,
    ).toMatchObject({ status: 409, code: 'CONFERENCE_FINISHED' });
    await preview(id).expect(200);
  });
});
