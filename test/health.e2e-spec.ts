import { Logger } from '@nestjs/common';
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

  it('logs a change of health once, at warning level, and no "unhandled error" for its 503s', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    const messages = (spy: jest.SpyInstance) => spy.mock.calls.map((c: unknown[]) => String(c.at(-1)));
    const own = await SmtpSink.start();
    const app = await createTestApp({ sink: own });
    try {
      expect((await app.http().get('/health')).status).toBe(200);
      own.behaviour.onConnect = () => ({ code: 421, message: '4.3.2 Service not available' });
      own.dropConnections();
      for (let i = 0; i < 5; i += 1) expect((await app.http().get('/health')).status).toBe(503);
      own.behaviour.onConnect = undefined;
      for (let i = 0; i < 3; i += 1) expect((await app.http().get('/health')).status).toBe(200);
      const health = messages(warn).filter((m) => /^(unhealthy|healthy again)/.test(m));
      expect(health).toEqual([
        expect.stringMatching(/^unhealthy: mail down \(.*421 4\.3\.2 Service not available/),
        expect.stringMatching(/^healthy again \(was: mail down/),
      ]);
      expect(messages(error)).not.toContain('unhandled error');
    } finally {
      warn.mockRestore();
      error.mockRestore();
      await app.close();
      await own.stop();
    }
  });
});
