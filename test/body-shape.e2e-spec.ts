import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from './support/app';
import { answerTokenOf, deliver, invitationWorld, invite, sendAll, to } from './support/invitations';

/**
 * Hostile body shapes on anonymous endpoints (issue 13, items 3 and 4): a JSON body nested 20,000
 * deep overflowed the stack in the validation pipe (500), and one with 100,000 unknown keys took
 * 7–12 s of one CPU (quadratic in the key count) while /health answered 503. One pass over the
 * parsed body now refuses both before validation.
 */

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** `{"email":…,"password":…,"k0":0,…}` with `keys` unknown keys: 100,000 make about 1.7 MB. */
const manyKeys = (keys: number) => {
  const parts = ['"email":"a@b.test"', '"password":"x"'];
  for (let i = 0; i < keys; i += 1) parts.push(`"key${String(i).padStart(9, '0')}":0`);
  return `{${parts.join(',')}}`;
};

/** A request through a real socket, timed from the first byte sent to the last byte received. */
function post(
  port: number,
  urlPath: string,
  body: string,
  type = 'application/json',
): Promise<{ status: number; type: string; body: Record<string, unknown>; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: 'POST',
        headers: { 'content-type': type, 'content-length': Buffer.byteLength(body) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text },
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function get(port: number, urlPath: string): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
        );
      })
      .on('error', reject);
  });
}

const say = (line: string) => process.stdout.write(`${line}\n`);

describe('Body shape limits', () => {
  let t: TestApp;
  let port: number;
  let answerPath: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-02-14T02:00:00Z');
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const world = await invitationWorld(t, [{ key: 'a', name: 'Phạm Thị Ánh', at: 0 }]);
    await invite(t, world, 'a', world.points[0].id);
    await sendAll(t, world);
    answerPath = `/invitations/answer/${answerTokenOf(to(await deliver(t), world.people.a.email)[0])}`;
  });
  afterAll(() => t.close());

  it('refuses a login body nested 20,000 deep with 400 problem+json naming the rule, before validation', async () => {
    for (const body of [nested(20_000), nestedArrays(20_000)]) {
      const res = await post(port, '/auth/login', body);
      say(`depth 20,000 on /auth/login: ${res.status} in ${res.ms.toFixed(1)} ms`);
      expect(res.status).toBe(400);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'BODY_TOO_DEEP', status: 400, maxDepth: 32 });
    }
  });

  it('refuses a deeply nested body on the answer page too, recording nothing', async () => {
    const res = await post(port, answerPath, `{"answer":"declined","note":${nested(20_000)}}`);
    say(`depth 20,000 on the answer page: ${res.status} in ${res.ms.toFixed(1)} ms`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_DEEP' });
    await expect(
      t.dataSource.query(`SELECT count(*)::int AS n FROM invitation WHERE answer IS NOT NULL`),
    ).resolves.toEqual([{ n: 0 }]);
  });

  it('lets a body 32 deep through to validation, and refuses 33', async () => {
    const at32 = await post(port, '/auth/login', `{"email":"a@b.test","password":"x","x":${nested(31)}}`);
    expect(at32.status).toBe(422);
    expect(at32.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const at33 = await post(port, '/auth/login', `{"email":"a@b.test","password":"x","x":${nested(32)}}`);
    expect(at33.status).toBe(400);
    expect(at33.body).toMatchObject({ code: 'BODY_TOO_DEEP' });
  });

  it('refuses 100,000 unknown keys (1.7 MB) on /auth/login with 413 at once, not after seconds', async () => {
    const body = manyKeys(100_000);
    const res = await post(port, '/auth/login', body);
    say(`100,000 keys (${(body.length / 1e6).toFixed(2)} MB) on /auth/login: ${res.status} in ${res.ms.toFixed(1)} ms`);
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_MANY_KEYS', status: 413, maxKeysPerObject: 200 });
    // Was 7–12 s; the parse of 1.7 MB and one pass stay far below a second even on a loaded machine.
    expect(res.ms).toBeLessThan(1000);
  });

  it('refuses a body whose keys are spread over many small objects by the count per body', async () => {
    const objects = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify(Object.fromEntries(Array.from({ length: 150 }, (_, k) => [`k${k}`, i]))),
    );
    const res = await post(port, '/auth/login', `{"email":"a@b.test","password":"x","x":[${objects.join(',')}]}`);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_MANY_KEYS', maxKeysPerBody: 50_000 });
  });

  it('refuses a form with too many fields on the answer page as problem+json, recording nothing', async () => {
    const fields = Array.from({ length: 5000 }, (_, i) => `k${i}=0`).join('&');
    const res = await post(port, answerPath, `answer=declined&${fields}`, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'BODY_TOO_MANY_KEYS' });
    await expect(
      t.dataSource.query(`SELECT count(*)::int AS n FROM invitation WHERE answer IS NOT NULL`),
    ).resolves.toEqual([{ n: 0 }]);
  });

  it('keeps /health answering while four 2 MB hostile bodies arrive at once', async () => {
    const body = manyKeys(120_000);
    expect(body.length).toBeGreaterThan(2_000_000);
    const hostile = Array.from({ length: 4 }, () => post(port, '/auth/login', body));
    const health = await get(port, '/health');
    const refused = await Promise.all(hostile);
    say(
      `four ~2 MB bodies: ${refused.map((r) => `${r.status} in ${r.ms.toFixed(1)} ms`).join(', ')}; /health ${health.status} in ${health.ms.toFixed(1)} ms`,
    );
    expect(health.status).toBe(200);
    for (const r of refused) expect([413]).toContain(r.status);
  });
});
