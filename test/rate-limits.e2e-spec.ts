import { createTestApp, TestApp } from './support/app';

describe('rate limits', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { RATE_LIMIT_LOGIN_PER_MINUTE: '20' };
    first = await createTestApp({ env });
    second = await createTestApp({ env, database: first.db, sink: first.sink });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const attempt = (t: TestApp, ip: string, n: number) =>
    t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: `nobody${n}@convene.test`, password: 'whatever-it-is' });

  it('answers 429 with Retry-After once an address spends its login budget, across instances', async () => {
    for (let n = 0; n < 10; n += 1) expect((await attempt(first, '203.0.113.7', n)).status).toBe(401);
    for (let n = 10; n < 20; n += 1) expect((await attempt(second, '203.0.113.7', n)).status).toBe(401);
    const refused = await attempt(first, '203.0.113.7', 20);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('keeps other addresses and unmarked endpoints free', async () => {
    expect((await attempt(first, '198.51.100.20', 0)).status).toBe(401);
    for (let n = 0; n < 30; n += 1) {
      await first.http().get('/health').set('X-Forwarded-For', '203.0.113.7').expect(200);
    }
  });
});
