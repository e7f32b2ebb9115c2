import fc from 'fast-check';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { changedTables, databaseFingerprint } from './support/db-fingerprint';
import { OpenApiDocument, PayloadGenerator } from './support/payloads';
import { concretePath, Route, routeKey, routesOf } from './support/routes';
import { buildWorld, World } from './support/world';

/**
 * Thousands of generated payloads against every write endpoint, as an administrator (who passes
 * every guard, so the payloads reach validation and the services): no answer is a 5xx, every
 * refusal is problem+json, and a refused request leaves every table as it was.
 * FUZZ_RUNS (per endpoint, default 30) and FUZZ_SEED make a longer or a reproducible run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** Lifecycle actions and deletions go last, so that they do not end the fixtures others need. */
const order = (r: Route) =>
  r.method === 'DELETE' ? 2 : /\/(cancel|close|hold|postpone|revoke|end)$/.test(r.path) ? 1 : 0;
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('fuzzing every write endpoint', () => {
  let t: TestApp;
  let world: World;
  let generator: PayloadGenerator;
  let writes: Route[];
  const tally = { payloads: 0, accepted: 0, refused: 0, byStatus: {} as Record<number, number> };

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildWorld(t);
    const doc = (await t.http().get('/docs-json')).body as OpenApiDocument;
    generator = new PayloadGenerator(doc, Object.values(world.ids));
    writes = routesOf(t.app)
      .filter((r) => r.method !== 'GET')
      .sort((a, b) => order(a) - order(b));
  }, 120_000);
  afterAll(async () => {
    process.stdout.write(
      `\nfuzz: ${tally.payloads} payloads to ${writes.length} write endpoints (seed ${SEED}): ${tally.accepted} accepted, ${tally.refused} refused, statuses ${JSON.stringify(tally.byStatus)}\n`,
    );
    await t.close();
  });

  it('finds the write endpoints', () => {
    expect(writes.length).toBeGreaterThan(50);
  });

  it('never answers 5xx, always answers problem+json, and writes nothing when it refuses', async () => {
    const token = world.callers.admin.token!;
    const failures: string[] = [];
    for (const route of writes) {
      const payloads = fc.sample(generator.forOperation(openApiPath(route.path), route.method), {
        numRuns: RUNS,
        seed: SEED,
      });
      const path = concretePath(route, world);
      let before = await databaseFingerprint(t.dataSource);
      for (const payload of payloads) {
        const res = await t
          .http()
          [route.method.toLowerCase() as 'post'](path)
          .set(auth(token))
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload));
        tally.payloads += 1;
        tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
        const after = await databaseFingerprint(t.dataSource);
        const where = `${routeKey(route)} with ${JSON.stringify(payload).slice(0, 300)}`;
        if (res.status >= 500) failures.push(`${res.status} from ${where}: ${JSON.stringify(res.body).slice(0, 300)}`);
        if (res.status >= 400) {
          tally.refused += 1;
          const problem = res.body as Record<string, unknown>;
          const shaped =
            String(res.headers['content-type']).startsWith('application/problem+json') &&
            typeof problem.type === 'string' &&
            typeof problem.title === 'string' &&
            problem.status === res.status &&
            typeof problem.code === 'string' &&
            (problem.errors === undefined ||
              (Array.isArray(problem.errors) &&
                problem.errors.every(
                  (e: { field?: unknown; rule?: unknown }) => typeof e.field === 'string' && typeof e.rule === 'string',
                )));
          if (!shaped)
            failures.push(
              `not problem+json (${res.status}) from ${where}: ${res.headers['content-type']} ${JSON.stringify(res.body).slice(0, 200)}`,
            );
          const changed = changedTables(before, after);
          if (changed.length > 0)
            failures.push(`a refused request (${res.status}) changed ${changed.join(', ')}: ${where}`);
        } else {
          tally.accepted += 1;
        }
        before = after;
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(tally.payloads).toBe(RUNS * writes.length);
  }, 900_000);
});
