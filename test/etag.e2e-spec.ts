import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { concretePath, routeKey, routesOf } from './support/routes';
import { buildWorld, World } from './support/world';

/**
 * If-Match / ETag on every PATCH (issue 15): a GET gives the version as a strong ETag, a PATCH
 * carrying it succeeds and answers the next one, a stale one is refused with 412 STALE and
 * changes nothing, a malformed one is a 422 naming the header.
 */
interface Case {
  /** A change and a different one, so that each write really changes something. */
  bodies: [object, object];
  /** What the change touched, read back from a GET. */
  read: (body: Record<string, any>) => unknown;
  caller?: 'admin';
}

const CASES: Record<string, Case> = {
  'PATCH /conferences/:id': { bodies: [{ title: 'Hội nghị A' }, { title: 'Hội nghị B' }], read: (b) => b.title },
  'PATCH /conferences/:conferenceId/bridge-points/:pointId': {
    bodies: [{ name: 'Điểm cầu A' }, { name: 'Điểm cầu B' }],
    read: (b) => b.name,
  },
  'PATCH /conferences/:conferenceId/clusters/:clusterId': {
    bodies: [{ venue: 'Hội trường A' }, { venue: 'Hội trường B' }],
    read: (b) => b.venue,
  },
  'PATCH /conferences/:conferenceId/agenda/slots/:slotId': {
    bodies: [{ title: 'Khai mạc A' }, { title: 'Khai mạc B' }],
    read: (b) => b.title,
  },
  'PATCH /conferences/:conferenceId/clusters/:clusterId/agenda/slots/:slotId': {
    bodies: [{ title: 'Khai mạc A' }, { title: 'Khai mạc B' }],
    read: (b) => b.title,
  },
  'PATCH /conferences/:conferenceId/composition/rules/:ruleId': {
    bodies: [{ label: 'Thành phần A' }, { label: 'Thành phần B' }],
    read: (b) => b.label,
  },
  'PATCH /presentations/:id': { bodies: [{ topic: 'Tham luận A' }, { topic: 'Tham luận B' }], read: (b) => b.topic },
  'PATCH /plans/:id': { bodies: [{ title: 'Kế hoạch A' }, { title: 'Kế hoạch B' }], read: (b) => b.title },
  'PATCH /plans/:planId/tasks/:taskId': {
    bodies: [{ content: 'Nhiệm vụ A' }, { content: 'Nhiệm vụ B' }],
    read: (b) => b.content,
  },
  'PATCH /units/:id': { bodies: [{ shortName: 'A' }, { shortName: 'B' }], read: (b) => b.shortName },
  'PATCH /people/:id': { bodies: [{ phone: '0901000001' }, { phone: '0901000002' }], read: (b) => b.phone },
  'PATCH /users/:id': {
    bodies: [{ displayName: 'Người A' }, { displayName: 'Người B' }],
    read: (b) => b.displayName,
    caller: 'admin',
  },
  'PATCH /auth/me': { bodies: [{ language: 'en' }, { language: 'vi' }], read: (b) => b.language },
};

const SLOT = /\/agenda\/slots\/([^/]+)$/;

describe('If-Match and ETag on every PATCH', () => {
  let t: TestApp;
  let world: World;
  let patches: { key: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildWorld(t);
    patches = routesOf(t.app)
      .filter((r) => r.method === 'PATCH')
      .map((r) => ({ key: routeKey(r), path: concretePath(r, world) }));
  });
  afterAll(() => t.close());

  const tokenFor = (c: Case) => world.callers[c.caller ?? 'owner'].token!;
  /** The GET of what a PATCH changes: the same path, except a slot, read from its agenda. */
  const getPathOf = (path: string) => path.replace(SLOT, '/agenda');
  const slotOf = (path: string) => SLOT.exec(path)?.[1];

  /** The resource's JSON and its ETag as a GET gives them. */
  async function read(c: Case, path: string): Promise<{ etag: string; body: Record<string, any> }> {
    const res = await t
      .http()
      .get(getPathOf(path))
      .set(auth(tokenFor(c)));
    expect(res.status).toBe(200);
    const slotId = slotOf(path);
    if (!slotId) return { etag: res.headers.etag, body: res.body };
    const slot = res.body.slots.find((s: { id: string }) => s.id === slotId);
    return { etag: `"${slot.version}"`, body: slot };
  }

  const patch = (c: Case, path: string, body: object, ifMatch?: string) => {
    const req = t
      .http()
      .patch(path)
      .set(auth(tokenFor(c)));
    return ifMatch === undefined ? req.send(body) : req.set('If-Match', ifMatch).send(body);
  };
  const patched = (path: string, body: Record<string, any>) => {
    const slotId = slotOf(path);
    return slotId ? body.slots.find((s: { id: string }) => s.id === slotId) : body;
  };

  it('covers every PATCH route the application has', () => {
    expect(patches.map((p) => p.key).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.keys(CASES))('%s: ETag on GET, a fresh If-Match wins, a stale one is 412 STALE', async (key) => {
    const c = CASES[key];
    const { path } = patches.find((p) => p.key === key)!;
    const first = await read(c, path);
    expect(first.etag).toMatch(/^"[1-9][0-9]*"$/);
    expect(`"${first.body.version}"`).toBe(first.etag);

    const ok = await patch(c, path, c.bodies[0], first.etag);
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toMatch(/^"[1-9][0-9]*"$/);
    expect(ok.headers.etag).not.toBe(first.etag);
    expect(`"${patched(path, ok.body).version}"`).toBe(ok.headers.etag);
    expect((await read(c, path)).etag).toBe(ok.headers.etag);

    const stale = await patch(c, path, c.bodies[1], first.etag);
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ code: 'STALE', currentETag: ok.headers.etag });
    const after = await read(c, path);
    expect(c.read(after.body)).toEqual(c.read(patched(path, ok.body)));
    expect(after.etag).toBe(ok.headers.etag);

    for (const bad of ['3', '"abc"', '"1", junk', '']) {
      const res = await patch(c, path, c.bodies[1], bad);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 422, field: 'If-Match' });
    }
    expect((await read(c, path)).etag).toBe(ok.headers.etag);

    // `*`, a list holding the current tag, and no If-Match at all (API clients as before) all go through.
    const star = await patch(c, path, c.bodies[1], '*');
    expect(star.status).toBe(200);
    const listed = await patch(c, path, c.bodies[0], `"999999", ${star.headers.etag}`);
    expect(listed.status).toBe(200);
    const plain = await patch(c, path, c.bodies[1]);
    expect(plain.status).toBe(200);
    expect(c.read((await read(c, path)).body)).toEqual(c.read(c.bodies[1]));
  });

  it('a change kept in another table (a cluster’s units, a task’s lead units) moves the version too', async () => {
    const owner = auth(world.callers.owner.token!);
    const paths = [
      [`/conferences/${world.ids.roundtableId}/clusters/${world.ids.clusterId}`, 'unitIds'],
      [`/plans/${world.ids.planId}/tasks/${world.ids.taskId}`, 'leadUnitIds'],
    ];
    for (const [path, field] of paths) {
      for (const units of [[world.ids.unitId], []]) {
        const before = (await t.http().get(path).set(owner).expect(200)).headers.etag;
        const res = await t
          .http()
          .patch(path)
          .set(owner)
          .set('If-Match', before)
          .send({ [field]: units });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.headers.etag).not.toBe(before);
        expect((await t.http().get(path).set(owner)).headers.etag).toBe(res.headers.etag);
        expect(
          (
            await t
              .http()
              .patch(path)
              .set(owner)
              .set('If-Match', before)
              .send({ [field]: units })
          ).status,
        ).toBe(412);
      }
    }
  });

  describe('the conference', () => {
    const owner = () => world.callers.owner.token!;
    const path = () => `/conferences/${world.ids.conferenceId}`;
    const etagOf = async () => (await t.http().get(path()).set(auth(owner()))).headers.etag;
    const edit = (body: object, ifMatch: string) =>
      t.http().patch(path()).set(auth(owner())).set('If-Match', ifMatch).send(body);

    it('a PATCH that changes nothing keeps the version, and still refuses a stale If-Match', async () => {
      const etag = await etagOf();
      const title = (await t.http().get(path()).set(auth(owner()))).body.title;
      const same = await edit({ title }, etag);
      expect({ status: same.status, etag: same.headers.etag }).toEqual({ status: 200, etag });
      const stale = await edit({ title }, `"${Number(etag.replace(/"/g, '')) - 1}"`);
      expect(stale.status).toBe(412);
      expect(stale.body.currentVersion).toBe(Number(etag.replace(/"/g, '')));
      // If-Match compares strongly: a weak tag never matches.
      expect((await edit({ title: 'Khác' }, `W/${etag}`)).status).toBe(412);
      expect(await etagOf()).toBe(etag);
    });

    it('a write in raw SQL, outside TypeORM, moves the version too', async () => {
      const etag = await etagOf();
      await t.dataSource.query(`UPDATE conference SET funding_source = 'Ngân sách tỉnh' WHERE id = $1`, [
        world.ids.conferenceId,
      ]);
      const now = await etagOf();
      expect(Number(now.replace(/"/g, ''))).toBe(Number(etag.replace(/"/g, '')) + 1);
      expect((await edit({ title: 'Sửa theo bản cũ' }, etag)).status).toBe(412);
      // A statement that changes nothing leaves it alone.
      await t.dataSource.query(`UPDATE conference SET funding_source = funding_source WHERE id = $1`, [
        world.ids.conferenceId,
      ]);
      expect(await etagOf()).toBe(now);
    });

    it('two PATCHes with the same If-Match at once: exactly one 200, one 412, and the winner is stored', async () => {
      const etag = await etagOf();
      const answers = await Promise.all([
        edit({ title: 'Bản của người thứ nhất' }, etag),
        edit({ title: 'Bản của người thứ hai' }, etag),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      const stored = await t.http().get(path()).set(auth(owner()));
      expect({ title: stored.body.title, etag: stored.headers.etag }).toEqual({
        title: winner.body.title,
        etag: winner.headers.etag,
      });
    });
  });
});
