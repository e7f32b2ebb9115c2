import type { ResolvedSite, SiteRef } from '../src/composition/composition.types';
import { InvitationGeneration } from '../src/invitations/invitation-generation.service';
import { createTestApp, TestApp } from './support/app';
import { resolveSiteByModel } from './support/composition-oracle';
import { apiUser, auth, createConference, createScheduledConference, insertUnit } from './support/conference-fixtures';
import { insertPersonAt } from './support/invitations';

/**
 * InvitationGeneration.generate on non-trivial worlds: nested points, overlapping rules, max per
 * unit, delegated sites, people matched at several sites, people already invited (or withdrawn),
 * inactive people, units and ended positions, clusters, and a coordinator-scoped run; then worlds
 * drawn at random, each checked against a plain reference model resolving one site at a time
 * (test/support/composition-oracle.ts: the directory's holders query, then the rules in TypeScript)
 * and the order in which sites invite.
 */
describe(InvitationGeneration.name, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  let serial = 0;
  /** A person with these positions ([unit, role] each); `active: false` for a deactivated person. */
  async function person(
    name: string,
    positions: [string, string][],
    options: { active?: boolean; ended?: boolean } = {},
  ): Promise<string> {
    serial += 1;
    const id = await insertPersonAt(t, name, `p${serial}.${process.pid}@convene.test`, null, '');
    for (const [unitId, role] of new Map(
      positions.map(([unit, role]) => [`${unit} ${role}`, [unit, role] as const]),
    ).values()) {
      await t.dataSource.query(
        `INSERT INTO person_position (person_id, unit_id, role, title, ended_on) VALUES ($1, $2, $3, $4, $5)`,
        [id, unitId, role, `${role} ${name}`, options.ended ? '2025-01-01' : null],
      );
    }
    if (options.active === false) await t.dataSource.query(`UPDATE person SET active = false WHERE id = $1`, [id]);
    return id;
  }

  async function rule(token: string, conferenceId: string, body: Record<string, unknown>): Promise<string> {
    const res = await t.http().post(`/conferences/${conferenceId}/composition/rules`).set(auth(token)).send(body);
    if (res.status !== 201) throw new Error(`could not create the rule: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const generate = async (token: string, conferenceId: string, body: Record<string, unknown> = {}) =>
    (await t.http().post(`/conferences/${conferenceId}/invitations/generate`).set(auth(token)).send(body).expect(201))
      .body;

  /** Live invitations as `person name → [site id, rule id, source]`. */
  async function invitations(
    conferenceId: string,
    names: Record<string, string>,
  ): Promise<Record<string, [string, string | null, string]>> {
    const rows: { personId: string; siteId: string; ruleId: string | null; source: string }[] =
      await t.dataSource.query(
        `SELECT person_id AS "personId", coalesce(bridge_point_id, cluster_id) AS "siteId", rule_id AS "ruleId", source FROM invitation WHERE conference_id = $1 AND withdrawn_at IS NULL`,
        [conferenceId],
      );
    const byId = Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k]));
    return Object.fromEntries(rows.map((r) => [byId[r.personId] ?? r.personId, [r.siteId, r.ruleId, r.source]]));
  }

  describe('on an online conference with nested points', () => {
    let token: string;
    let conferenceId: string;
    const u: Record<string, string> = {};
    const p: Record<string, string> = {};
    const r: Record<string, string> = {};
    const site: Record<string, string> = {};
    let coordinatorToken: string;

    beforeAll(async () => {
      ({ token } = await apiUser(t, 'organizer'));
      const world = await createScheduledConference(t, token, { points: 2 });
      conferenceId = world.conference.id;
      const root = world.provinceUnitId;
      [u.d1, u.d2] = world.districtUnitIds;
      u.off = world.hostPoint.unitId;
      u.s1 = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department', parentId: root });
      u.s2 = await insertUnit(t, { name: 'Sở Tài chính', kind: 'department', parentId: root });
      u.x1 = await insertUnit(t, { name: 'UBND xã Một', kind: 'commune_committee', parentId: u.d1 });
      u.x2 = await insertUnit(t, { name: 'UBND xã Hai', kind: 'commune_committee', parentId: u.d1 });
      u.xOff = await insertUnit(t, { name: 'UBND xã Ba', kind: 'commune_committee', parentId: u.d1, active: false });

      p.s1h = await person('Nguyễn Văn Sở', [[u.s1, 'head']]);
      p.s1d = await person('Lê Văn Phó', [[u.s1, 'deputy_head']]);
      p.s1d2 = await person('Trần Thị Phó', [[u.s1, 'deputy_head']]);
      p.s1d3 = await person('Võ Minh Phó', [[u.s1, 'deputy_head']]);
      p.s2d = await person('Phạm Thị Tài', [[u.s2, 'deputy_head']]);
      p.off = await person('Đỗ Văn Phòng', [[u.off, 'specialist']]);
      p.d1h = await person('Hồ Văn Huyện', [[u.d1, 'head']]);
      p.d1p = await person('Mai Thị Bí Thư', [
        [u.d1, 'party_secretary'],
        [u.d1, 'deputy_head'],
      ]);
      p.d2h = await person('Đinh Văn Hai', [[u.d2, 'head']]);
      p.x1h = await person('Bùi Văn Xã', [[u.x1, 'head']]);
      p.x1s = await person('Cao Thị Chuyên', [[u.x1, 'specialist']]);
      p.x2h = await person('Lý Văn Hai', [[u.x2, 'head']]);
      p.x2gone = await person('Tạ Văn Nghỉ', [[u.x2, 'head']], { active: false });
      p.x2old = await person('Hà Văn Cũ', [[u.x2, 'head']], { ended: true });
      p.xOffh = await person('Kim Văn Ba', [[u.xOff, 'head']]);

      site.host = world.hostPoint.id;
      [site.p1, site.p2] = world.points.map((x) => x.id);
      const points = `/conferences/${conferenceId}/bridge-points`;
      site.q1 = (
        await t
          .http()
          .post(points)
          .set(auth(token))
          .send({ name: 'Điểm cầu xã Một', parentId: site.p1, unitId: u.x1 })
          .expect(201)
      ).body.id;
      site.q2 = (
        await t
          .http()
          .post(points)
          .set(auth(token))
          .send({ name: 'Điểm cầu xã Hai', parentId: site.p1, unitId: u.x2 })
          .expect(201)
      ).body.id;

      const bp = (id: string) => ({ kind: 'bridge_point', id });
      r.h1 = await rule(token, conferenceId, {
        site: bp(site.host),
        label: 'Thủ trưởng các Sở',
        units: { kinds: ['department'], within: root },
        roles: ['head', 'deputy_head'],
        maxPerUnit: 1,
      });
      r.h2 = await rule(token, conferenceId, {
        site: bp(site.host),
        label: 'Phó các Sở',
        units: { ids: [u.s1, u.s2] },
        roles: ['deputy_head', 'chief_of_office'],
        maxPerUnit: 2,
      });
      r.c1 = await rule(token, conferenceId, {
        site: { kind: 'conference' },
        label: 'Chủ tịch UBND các huyện',
        units: { kinds: ['district_committee'], within: root },
        roles: ['head'],
      });
      r.c2 = await rule(token, conferenceId, {
        site: { kind: 'conference' },
        label: 'Văn phòng UBND tỉnh',
        units: { ids: [u.off] },
        everyone: true,
      });
      r.c3 = await rule(token, conferenceId, {
        site: { kind: 'conference' },
        label: 'Do Sở Nội vụ mời',
        delegate: { to: 'unit', unitId: u.s1 },
        everyone: true,
      });
      r.p1a = await rule(token, conferenceId, {
        site: bp(site.p1),
        label: 'Chủ tịch trong huyện',
        units: { within: u.d1 },
        roles: ['head'],
      });
      r.p1b = await rule(token, conferenceId, {
        site: bp(site.p1),
        label: 'Một người mỗi xã',
        units: { childrenOf: u.d1 },
        everyone: true,
        maxPerUnit: 1,
      });
      r.p1c = await rule(token, conferenceId, {
        site: bp(site.p1),
        label: 'Phó hoặc Bí thư huyện',
        units: { ids: [u.d1] },
        roles: ['deputy_head', 'party_secretary'],
        maxPerUnit: 1,
      });
      r.p2a = await rule(token, conferenceId, {
        site: bp(site.p2),
        label: 'Do UBND huyện mời',
        delegate: { to: 'site_host' },
        everyone: true,
      });
      r.q1a = await rule(token, conferenceId, {
        site: bp(site.q1),
        label: 'Cán bộ xã Một',
        units: { ids: [u.x1] },
        everyone: true,
      });
      r.q2a = await rule(token, conferenceId, {
        site: bp(site.q2),
        label: 'Do UBND xã mời',
        delegate: { to: 'site_host' },
        everyone: true,
      });
      r.q2b = await rule(token, conferenceId, {
        site: bp(site.q2),
        label: 'Phó Chủ tịch xã',
        units: { ids: [u.x2] },
        roles: ['deputy_head'],
      });

      // Already invited by hand; invited then withdrawn (counts as not invited).
      const invitationsPath = `/conferences/${conferenceId}/invitations`;
      await t.http().post(invitationsPath).set(auth(token)).send({ personId: p.s2d, siteId: site.host }).expect(201);
      const withdrawn = (
        await t.http().post(invitationsPath).set(auth(token)).send({ personId: p.d2h, siteId: site.p2 }).expect(201)
      ).body;
      await t.http().delete(`${invitationsPath}/${withdrawn.id}`).set(auth(token)).expect(204);
      coordinatorToken = (
        await t
          .http()
          .post(`${invitationsPath}/coordinator-links`)
          .set(auth(token))
          .send({ siteId: site.p1, mail: false })
          .expect(201)
      ).body.token;
    });

    it('lets a coordinator generate within their subtree only, nested points after their parent', async () => {
      const result = await generate(coordinatorToken, conferenceId);
      expect(result).toEqual({
        created: 5,
        existing: 1,
        sites: [
          { siteId: site.p1, siteKind: 'bridge_point', created: 4, existing: 0, delegated: [], gaps: [] },
          {
            siteId: site.q2,
            siteKind: 'bridge_point',
            created: 0,
            existing: 0,
            delegated: [{ ruleId: r.q2a, unitId: u.x2, label: 'Do UBND xã mời' }],
            gaps: [{ ruleId: r.q2b, unitId: u.x2, role: 'deputy_head' }],
          },
          { siteId: site.q1, siteKind: 'bridge_point', created: 1, existing: 1, delegated: [], gaps: [] },
        ],
      });
      expect(await invitations(conferenceId, p)).toEqual({
        s2d: [site.host, null, 'manual'],
        d1h: [site.p1, r.p1a, 'composition'],
        x1h: [site.p1, r.p1a, 'composition'],
        x2h: [site.p1, r.p1a, 'composition'],
        d1p: [site.p1, r.p1c, 'composition'],
        x1s: [site.q1, r.q1a, 'composition'],
      });
    });

    it('invites each person once, at the first site and by the first rule that picks them, up to max per unit', async () => {
      const result = await generate(token, conferenceId);
      expect(result).toEqual({
        created: 5,
        existing: 8,
        sites: [
          {
            siteId: site.host,
            siteKind: 'bridge_point',
            created: 5,
            existing: 2,
            delegated: [{ ruleId: r.c3, unitId: u.s1, label: 'Do Sở Nội vụ mời' }],
            gaps: [{ ruleId: r.h2, unitId: u.s2, role: 'chief_of_office' }],
          },
          { siteId: site.p1, siteKind: 'bridge_point', created: 0, existing: 4, delegated: [], gaps: [] },
          {
            siteId: site.p2,
            siteKind: 'bridge_point',
            created: 0,
            existing: 0,
            delegated: [{ ruleId: r.p2a, unitId: u.d2, label: 'Do UBND huyện mời' }],
            gaps: [],
          },
          {
            siteId: site.q2,
            siteKind: 'bridge_point',
            created: 0,
            existing: 0,
            delegated: [{ ruleId: r.q2a, unitId: u.x2, label: 'Do UBND xã mời' }],
            gaps: [{ ruleId: r.q2b, unitId: u.x2, role: 'deputy_head' }],
          },
          { siteId: site.q1, siteKind: 'bridge_point', created: 0, existing: 2, delegated: [], gaps: [] },
        ],
      });
      const live = await invitations(conferenceId, p);
      expect(live).toMatchObject({
        s1h: [site.host, r.h1, 'composition'],
        s1d: [site.host, r.h2, 'composition'],
        s1d2: [site.host, r.h2, 'composition'],
        d2h: [site.host, r.c1, 'composition'],
        off: [site.host, r.c2, 'composition'],
        s2d: [site.host, null, 'manual'],
        d1h: [site.p1, r.p1a, 'composition'],
      });
      // Capped (third deputy), deactivated, ended, in a deactivated unit: nobody invites them.
      expect(Object.keys(live).sort()).toEqual(
        ['d1h', 'd1p', 'd2h', 'off', 's1d', 's1d2', 's1h', 's2d', 'x1h', 'x1s', 'x2h'].sort(),
      );
    });

    it('adds nothing the second time, and records each run in the audit log', async () => {
      const before = await invitations(conferenceId, p);
      const result = await generate(token, conferenceId);
      expect(result).toMatchObject({ created: 0, existing: 13 });
      expect(result.sites.map((s: any) => [s.siteId, s.created, s.existing])).toEqual([
        [site.host, 0, 7],
        [site.p1, 0, 4],
        [site.p2, 0, 0],
        [site.q2, 0, 0],
        [site.q1, 0, 2],
      ]);
      expect(await invitations(conferenceId, p)).toEqual(before);
      const audit = await t.dataSource.query(
        `SELECT actor_kind AS "actorKind", after FROM audit_entry WHERE conference_id = $1 AND action = 'invitation.generate' ORDER BY id`,
        [conferenceId],
      );
      expect(audit).toEqual([
        { actorKind: 'link', after: { siteId: null, created: 5, existing: 1 } },
        { actorKind: 'user', after: { siteId: null, created: 5, existing: 8 } },
        { actorKind: 'user', after: { siteId: null, created: 0, existing: 13 } },
      ]);
    });

    it('generates one point, or a point with the points below it', async () => {
      expect(await generate(token, conferenceId, { siteId: site.q1 })).toEqual({
        created: 0,
        existing: 2,
        sites: [{ siteId: site.q1, siteKind: 'bridge_point', created: 0, existing: 2, delegated: [], gaps: [] }],
      });
      const below = await generate(token, conferenceId, { siteId: site.p1, includeBelow: true });
      expect(below.sites.map((s: any) => s.siteId)).toEqual([site.p1, site.q2, site.q1]);
      const audit = await t.dataSource.query(
        `SELECT after FROM audit_entry WHERE conference_id = $1 AND action = 'invitation.generate' ORDER BY id DESC LIMIT 1`,
        [conferenceId],
      );
      expect(audit[0].after).toEqual({ siteId: site.p1, created: 0, existing: 6 });
    });

    it('refuses a coordinator a site outside their subtree (404) and writes nothing', async () => {
      const [{ n: before }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE conference_id = $1`,
        [conferenceId],
      );
      await t
        .http()
        .post(`/conferences/${conferenceId}/invitations/generate`)
        .set(auth(coordinatorToken))
        .send({ siteId: site.p2 })
        .expect(404);
      await t
        .http()
        .post(`/conferences/${conferenceId}/invitations/generate`)
        .set(auth(coordinatorToken))
        .send({ siteId: site.host, includeBelow: true })
        .expect(404);
      const [{ n: after }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE conference_id = $1`,
        [conferenceId],
      );
      expect(after).toBe(before);
    });
  });

  describe('on a roundtable in clusters', () => {
    it('delegates to each participating unit, invites the host’s people, and leaves cancelled clusters out unless asked for', async () => {
      const { token } = await apiUser(t, 'organizer');
      const roundtable = await createConference(t, token, {
        kind: 'roundtable',
        format: 'in_person',
        title: 'Tọa đàm Chỉ số PAR INDEX',
      });
      const host = await insertUnit(t, { name: 'UBND huyện Vĩnh Thạnh', kind: 'district_committee' });
      const [a, b] = [
        await insertUnit(t, { name: 'UBND huyện Cờ Đỏ', kind: 'district_committee' }),
        await insertUnit(t, { name: 'UBND huyện Thới Lai', kind: 'district_committee' }),
      ];
      const chair = await person('Trần Văn Chủ Tịch', [[host, 'head']]);
      const clusters = `/conferences/${roundtable.id}/clusters`;
      const one = (
        await t
          .http()
          .post(clusters)
          .set(auth(token))
          .send({
            number: 1,
            startsAt: '2026-04-05T13:30:00+07:00',
            endsAt: '2026-04-05T17:00:00+07:00',
            hostUnitId: host,
            unitIds: [b, a],
          })
          .expect(201)
      ).body;
      const two = (
        await t
          .http()
          .post(clusters)
          .set(auth(token))
          .send({
            number: 2,
            startsAt: '2026-04-07T13:30:00+07:00',
            endsAt: '2026-04-07T17:00:00+07:00',
            hostUnitId: host,
          })
          .expect(201)
      ).body;
      const cl = (id: string) => ({ kind: 'cluster', id });
      const k1a = await rule(token, roundtable.id, {
        site: cl(one.id),
        label: 'Các huyện trong cụm mời',
        delegate: { to: 'site_units' },
        roles: ['head'],
      });
      const k1b = await rule(token, roundtable.id, {
        site: cl(one.id),
        label: 'Chủ tịch huyện chủ trì',
        units: { ids: [host] },
        roles: ['head'],
      });
      const k2a = await rule(token, roundtable.id, {
        site: cl(two.id),
        label: 'Chủ tịch huyện chủ trì',
        units: { ids: [host] },
        roles: ['head', 'deputy_head'],
      });
      await t
        .http()
        .post(`${clusters}/${two.id}/cancel`)
        .set(auth(token))
        .send({ reason: 'Gộp vào cụm 1' })
        .expect(200);

      expect(await generate(token, roundtable.id)).toEqual({
        created: 1,
        existing: 0,
        sites: [
          {
            siteId: one.id,
            siteKind: 'cluster',
            created: 1,
            existing: 0,
            delegated: [
              { ruleId: k1a, unitId: b, label: 'Các huyện trong cụm mời' },
              { ruleId: k1a, unitId: a, label: 'Các huyện trong cụm mời' },
            ],
            gaps: [],
          },
        ],
      });
      expect(await invitations(roundtable.id, { chair })).toEqual({ chair: [one.id, k1b, 'composition'] });
      expect(await generate(token, roundtable.id, { siteId: two.id })).toEqual({
        created: 0,
        existing: 1,
        sites: [
          {
            siteId: two.id,
            siteKind: 'cluster',
            created: 0,
            existing: 1,
            delegated: [],
            gaps: [{ ruleId: k2a, unitId: host, role: 'deputy_head' }],
          },
        ],
      });
    });
  });

  describe('on worlds drawn at random', () => {
    // Seed 7 has more sites than the resolution plans with nested loops (NESTED_LOOPS_UP_TO).
    for (const [seed, points] of [
      [1, 8],
      [2, 8],
      [3, 8],
      [4, 8],
      [5, 8],
      [6, 8],
      [7, 120],
    ]) {
      it(`resolves every site as the per-site resolver does, in site order (seed ${seed}, ${points} points)`, async () => {
        const world = await randomWorld(seed, points);
        // Even seeds: a coordinator of the remote point with the most points below it.
        const [busiest] = await t.dataSource.query(
          `SELECT p.id FROM bridge_point p WHERE p.conference_id = $1 AND p.role = 'remote' ORDER BY (SELECT count(*) FROM bridge_point c WHERE c.parent_id = p.id) DESC, p.name LIMIT 1`,
          [world.conferenceId],
        );
        const coordinated: string | null = seed % 2 === 0 ? busiest.id : null;
        let principalToken = world.token;
        if (coordinated) {
          principalToken = (
            await t
              .http()
              .post(`/conferences/${world.conferenceId}/invitations/coordinator-links`)
              .set(auth(world.token))
              .send({ siteId: coordinated, mail: false })
              .expect(201)
          ).body.token;
        }
        const expected = await perSite(world.conferenceId, coordinated);
        const result = await generate(principalToken, world.conferenceId);
        expect(expected.result.created).toBeGreaterThan(0);
        if (points > 100) expect(expected.result.sites.length).toBeGreaterThan(100);
        expect(result).toEqual(expected.result);
        expect(await liveRows(world.conferenceId)).toEqual(expected.rows);
        const again = await generate(principalToken, world.conferenceId);
        expect(again.created).toBe(0);
        expect(again.existing).toBe(expected.result.sites.reduce((n: number, s: any) => n + s.created + s.existing, 0));
      }, 120_000);
    }
  });

  async function liveRows(conferenceId: string): Promise<string[]> {
    const rows: { r: string }[] = await t.dataSource.query(
      `SELECT person_id || ' ' || coalesce(bridge_point_id, cluster_id) || ' ' || coalesce(rule_id::text, '-') || ' ' || source AS r FROM invitation WHERE conference_id = $1 AND withdrawn_at IS NULL`,
      [conferenceId],
    );
    return rows.map((x) => x.r).sort();
  }

  /**
   * What generation did before it was set-wise, written out: the sites in order (depth, then name),
   * each resolved alone by the reference model (the host point also taking the rules of
   * the conference as a whole, after its own), each person inserted by the first site that lists
   * them unless already invited.
   */
  async function perSite(
    conferenceId: string,
    coordinatedRoot: string | null,
  ): Promise<{ result: any; rows: string[] }> {
    return t.dataSource.transaction(async (manager) => {
      const sites: { kind: 'bridge_point' | 'cluster'; id: string; name: string; depth: number; host: boolean }[] =
        await manager.query(
          `SELECT 'bridge_point' AS kind, id, name, depth, role = 'host' AS host FROM bridge_point WHERE conference_id = $1
           AND ($2::uuid IS NULL OR id IN (WITH RECURSIVE s AS (SELECT id FROM bridge_point WHERE id = $2 UNION ALL SELECT b.id FROM bridge_point b JOIN s ON b.parent_id = s.id) SELECT id FROM s))
         UNION ALL SELECT 'cluster', id, coalesce(name, 'Cụm ' || number), 0, false FROM cluster WHERE conference_id = $1 AND status = 'scheduled' AND $2::uuid IS NULL`,
          [conferenceId, coordinatedRoot],
        );
      sites.sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
      const invited = new Set<string>(
        (
          await manager.query(`SELECT person_id FROM invitation WHERE conference_id = $1 AND withdrawn_at IS NULL`, [
            conferenceId,
          ])
        ).map((x: any) => x.person_id),
      );
      const rows: string[] = (
        await manager.query(
          `SELECT person_id || ' ' || coalesce(bridge_point_id, cluster_id) || ' ' || coalesce(rule_id::text, '-') || ' ' || source AS r FROM invitation WHERE conference_id = $1 AND withdrawn_at IS NULL`,
          [conferenceId],
        )
      ).map((x: any) => x.r);
      const result = { created: 0, existing: 0, sites: [] as any[] };
      for (const s of sites) {
        const ref: SiteRef = { kind: s.kind, id: s.id };
        let resolved: ResolvedSite = await resolveSiteByModel(manager, conferenceId, ref);
        if (s.host) {
          const whole = await resolveSiteByModel(manager, conferenceId, { kind: 'conference' });
          const seen = new Set(resolved.invitees.map((i) => i.personId));
          resolved = {
            invitees: [...resolved.invitees, ...whole.invitees.filter((i) => !seen.has(i.personId))],
            delegated: [...resolved.delegated, ...whole.delegated],
            gaps: [...resolved.gaps, ...whole.gaps],
          };
        }
        let created = 0;
        for (const i of resolved.invitees) {
          if (invited.has(i.personId)) continue;
          invited.add(i.personId);
          rows.push(`${i.personId} ${s.id} ${i.ruleId} composition`);
          created += 1;
        }
        result.sites.push({
          siteId: s.id,
          siteKind: s.kind,
          created,
          existing: resolved.invitees.length - created,
          delegated: resolved.delegated,
          gaps: resolved.gaps,
        });
        result.created += created;
        result.existing += resolved.invitees.length - created;
      }
      return { result, rows: rows.sort() };
    });
  }

  /**
   * A directory tree of ~30 units under a fresh root (some deactivated), ~80 people with one to
   * three positions (some ended, some people deactivated), nested points on some of its units, and
   * zero to four rules per site drawn from every selector, role list, cap and delegation; a few
   * people invited by hand beforehand, one of them withdrawn.
   */
  async function randomWorld(
    seed: number,
    pointCount: number,
  ): Promise<{ token: string; conferenceId: string; pointIds: string[] }> {
    const rand = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const some = <T>(xs: readonly T[], max: number): T[] => [
      ...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(xs))),
    ];
    const kinds = ['district_committee', 'department', 'commune_committee', 'division'] as const;
    const roles = ['head', 'deputy_head', 'party_secretary', 'specialist', 'member'] as const;

    const { token } = await apiUser(t, 'organizer');
    const root = await insertUnit(t, { name: `Tỉnh ngẫu nhiên ${seed}`, kind: 'provincial_committee' });
    const units = [{ id: root, depth: 0 }];
    // Deactivated once the rules name them: a rule may still point at a unit closed since.
    const deactivated: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const parent = pick(units.filter((x) => x.depth < 3));
      const id = await insertUnit(t, {
        name: `Đơn vị ${seed}.${i} ${pick(['An', 'Bình', 'Cường', 'Đông', 'Én'])}`,
        kind: pick(kinds),
        parentId: parent.id,
      });
      units.push({ id, depth: parent.depth + 1 });
      if (rand() < 0.1) deactivated.push(id);
    }
    const unitIds = units.map((x) => x.id);
    const people: string[] = [];
    for (let i = 0; i < 80; i += 1) {
      const positions = Array.from(
        { length: 1 + Math.floor(rand() * 3) },
        () => [pick(unitIds), pick(roles)] as [string, string],
      );
      people.push(
        await person(`${pick(['Nguyễn', 'Lê', 'Trần', 'Phạm', 'Võ'])} Văn ${seed}.${i}`, positions, {
          active: rand() > 0.05,
          ended: rand() < 0.05,
        }),
      );
    }

    const conference = await createConference(t, token, {
      organizingUnitId: root,
      title: `Hội nghị ngẫu nhiên ${seed}`,
    });
    await t
      .http()
      .post(`/conferences/${conference.id}/schedule`)
      .set(auth(token))
      .send({ startsAt: '2026-04-08T07:30:00+07:00', endsAt: '2026-04-08T11:30:00+07:00' })
      .expect(200);
    const points = `/conferences/${conference.id}/bridge-points`;
    const pointIds = [
      (
        await t
          .http()
          .post(points)
          .set(auth(token))
          .send({ role: 'host', name: 'Điểm cầu tỉnh', unitId: root })
          .expect(201)
      ).body.id,
    ];
    const used = new Set<string>();
    for (let i = 0; i < pointCount; i += 1) {
      // A unit has one point at most: once they are all taken, points without a unit.
      const unitId = pick(unitIds.slice(1));
      const body: Record<string, unknown> = {
        name: `Điểm cầu ${pick(['Bắc', 'Nam', 'Tây', 'Đông'])} ${seed}.${i}`,
        ...(used.has(unitId) ? {} : { unitId }),
      };
      if (i > 0 && rand() < 0.6) body.parentId = pick(pointIds.slice(1));
      const res = await t.http().post(points).set(auth(token)).send(body);
      if (res.status !== 201) throw new Error(`could not create the point: ${res.status} ${JSON.stringify(res.body)}`);
      pointIds.push(res.body.id);
      used.add(unitId);
    }

    const sites: Record<string, unknown>[] = [
      { kind: 'conference' },
      ...pointIds.map((id) => ({ kind: 'bridge_point', id })),
    ];
    for (const s of sites) {
      const count = Math.floor(rand() * 5);
      for (let i = 0; i < count; i += 1) {
        const body: Record<string, unknown> = { site: s, label: `Quy tắc ${i}` };
        const d = rand();
        if (d < 0.12)
          body.delegate =
            s.kind === 'conference' || rand() < 0.5 ? { to: 'unit', unitId: pick(unitIds) } : { to: 'site_host' };
        else {
          const sel = Math.floor(rand() * 4);
          if (sel === 0) body.units = { ids: some(unitIds, 4) };
          else if (sel === 1)
            body.units = { childrenOf: pick(unitIds), ...(rand() < 0.3 ? { kinds: some(kinds, 2) } : {}) };
          else if (sel === 2)
            body.units = { within: pick(unitIds), ...(rand() < 0.5 ? { kinds: some(kinds, 2) } : {}) };
          else body.units = { within: root, kinds: some(kinds, 2) };
          if (rand() < 0.5) body.maxPerUnit = 1 + Math.floor(rand() * 2);
        }
        if (rand() < 0.3) body.everyone = true;
        else body.roles = some(roles, 3);
        if (rand() < 0.3) body.position = 1 + Math.floor(rand() * 3);
        await rule(token, conference.id, body);
      }
    }
    await t.dataSource.query(`UPDATE unit SET active = false WHERE id = ANY($1::uuid[])`, [deactivated]);
    const invitationsPath = `/conferences/${conference.id}/invitations`;
    for (let i = 0; i < 3; i += 1) {
      const res = await t
        .http()
        .post(invitationsPath)
        .set(auth(token))
        .send({ personId: pick(people), siteId: pick(pointIds) });
      if (res.status === 201 && i === 2)
        await t.http().delete(`${invitationsPath}/${res.body.id}`).set(auth(token)).expect(204);
    }
    return { token, conferenceId: conference.id, pointIds };
  }
});

/** A small seeded generator, so a failing world can be drawn again. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
