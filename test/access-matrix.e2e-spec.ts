import { ACCESS_RULES, expected, Expect } from './support/access-rules';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { changedTables, databaseFingerprint } from './support/db-fingerprint';
import { concretePath, Route, routeKey, routesOf } from './support/routes';
import { buildWorld, Caller, World } from './support/world';

/**
 * Every endpoint × every kind of caller × the owner's resources, from the route table: a new
 * endpoint without a rule in support/access-rules.ts fails here. Callers are accounts (admin,
 * owner, observers, a stranger, a site coordinator) and secret links used as bearer tokens (site
 * coordinator, speaker, speaker-unit and delegate links — each own and someone else's). Writes are sent with an empty
 * body; a refused write must also leave the database as it was.
 */

/** Routes whose path names something the world cannot hold (mail caught by the built-in catcher, which tests replace by a sink). */
const NOTHING_TO_FIND = new Set([
  'GET /outbox/messages/:id',
  'GET /outbox/messages/:id/eml',
  'GET /outbox/messages/:id/calendar',
]);
/** Guards answer before validation; services (conference and plan access) answer after it. */
const VALIDATION = [400, 415, 422];
/** Refusals first: a deletion goes through once, so every caller it refuses must come before the first it lets through. */
const CALLER_ORDER: Caller['name'][] = [
  'anonymous',
  'answerLink',
  'otherSpeakerLink',
  'otherUnitLink',
  'otherCoordinatorLink',
  'observerAccount',
  'stranger',
  'observerMember',
  'speakerLink',
  'unitLink',
  'coordinatorLink',
  'coordinatorAccount',
  'owner',
  'admin',
];

function verdict(route: Route, want: Expect, status: number): boolean {
  if (status >= 500) return false;
  const write = route.method !== 'GET';
  if (want === 'through')
    return ![401, 403].includes(status) && (status !== 404 || NOTHING_TO_FIND.has(routeKey(route)));
  if (want === 401) return status === 401;
  return status === want || (write && VALIDATION.includes(status));
}

describe('the authorization matrix', () => {
  let t: TestApp;
  let world: World;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    world = await buildWorld(t);
    // Deletions last, so that the resources stay for the other routes; the deepest first, so that
    // a task goes before its plan and a feed before its person; at one depth a site (point or
    // cluster) after the rest, since removing it withdraws its invitations and ends its coordinators.
    const site = (r: Route) => (/\/(bridge-points|clusters)\/:\w+$/.test(r.path) ? 0.5 : 0);
    const depth = (r: Route) => (r.method === 'DELETE' ? 100 - r.path.split('/').length + site(r) : 0);
    routes = routesOf(t.app).sort((a, b) => depth(a) - depth(b));
  }, 120_000);
  afterAll(() => t.close());

  it('has a rule for every route, and no rule for a route that is gone', () => {
    const served = new Set(routes.map(routeKey));
    expect(routes.filter((r) => !(routeKey(r) in ACCESS_RULES)).map(routeKey)).toEqual([]);
    expect(Object.keys(ACCESS_RULES).filter((k) => !served.has(k))).toEqual([]);
  });

  it('answers every caller as its rule says', async () => {
    const mismatches: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const access = ACCESS_RULES[routeKey(route)];
      if (!access) continue;
      const path = concretePath(route, world);
      // A deletion goes through once: after every refusal, the first caller it lets through.
      const callers = route.method === 'DELETE' ? CALLER_ORDER.filter((c) => c !== 'admin') : CALLER_ORDER;
      let deleted = false;
      for (const name of callers) {
        const caller = world.callers[name];
        const want = expected(access, name, route.method, routeKey(route));
        if (deleted && want === 'through') continue;
        const before =
          want !== 'through' && route.method !== 'GET' ? await databaseFingerprint(t.dataSource) : undefined;
        let req = t.http()[route.method.toLowerCase() as 'get'](path);
        if (caller.token) req = req.set(auth(caller.token));
        const res = route.method === 'GET' ? await req : await req.send({});
        requests += 1;
        if (route.method === 'DELETE' && want === 'through' && res.status < 300) deleted = true;
        if (!verdict(route, want, res.status))
          mismatches.push(
            `${routeKey(route)} as ${name}: expected ${want}, got ${res.status} ${JSON.stringify(res.body?.code ?? '')}`,
          );
        if (before) {
          const changed = changedTables(before, await databaseFingerprint(t.dataSource));
          if (changed.length > 0)
            mismatches.push(
              `${routeKey(route)} as ${name} was refused (${res.status}) but changed ${changed.join(', ')}`,
            );
        }
      }
    }
    process.stdout.write(
      `\naccess matrix: ${routes.length} routes, ${requests} requests, ${mismatches.length} mismatches\n`,
    );
    expect(mismatches).toEqual([]);
  }, 600_000);
});
