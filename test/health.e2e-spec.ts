import { Client } from 'pg';
import { createTestApp, TestApp } from './support/app';
import { SmtpSink } from './support/smtp-sink';

/** GET /health against the real database and a real SMTP server that goes away and comes back. */
describe('Health', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp({ sink });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('answers 503 naming the mail transport when its SMTP server is gone, and needs no credentials', async () => {
    const up = await t.http().get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, mail: { status: 'up' } } });

    await sink.stop();
    const down = await t.http().get('/health');
    expect(down.status).toBe(503);
    // Terminus' answer in the one error shape: a problem, with what is up and what is down.
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      info: { database: { status: 'up' } },
      details: {
        database: { status: 'up' },
        mail: { status: 'down', message: expect.stringContaining('ECONNREFUSED') },
      },
    });
  });

  it('answers 503 naming the database when it stops taking connections', async () => {
    const admin = new Client({ connectionString: process.env.CONVENE_TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [t.db.name]);
      const down = await t.http().get('/health');
      expect(down.status).toBe(503);
      expect(down.body.details.database).toMatchObject({ status: 'down' });
    } finally {
      await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });
});
