import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/free-port';
import { SmtpSink } from './support/smtp-sink';
import { Client } from 'pg';
import { verifyPassword } from '../src/auth/passwords';
import { spawnBuildDir, spawnConvene } from './support/spawn';

describe('starting the service', () => {
  it('explains, as root, that PostgreSQL cannot reach a private data folder', async () => {
    if (process.getuid?.() !== 0) return;
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-private-'));
    try {
      const convene = spawnConvene({
        PG_DATA_DIR: path.join(root, 'pg'),
        PG_PORT: String(await freePort()),
        PORT: String(await freePort()),
      });
      expect((await convene.exited()).code).toBe(1);
      expect(convene.output()).toContain(`the "postgres" user, who cannot reach ${root}`);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('stops at once on a bad configuration value, naming it in one line', async () => {
    const convene = spawnConvene({ PORT: 'abc' });
    const { code } = await convene.exited();
    expect(code).toBe(78);
    expect(convene.output().trim()).toBe('Invalid configuration: PORT must be an integer number (got "abc")');
  });

  describe('with DATABASE_URL and SMTP_URL set', () => {
    let db: TestDatabase;
    let sink: SmtpSink;
    beforeAll(async () => {
      db = await createTestDatabase({ template: false });
      sink = await SmtpSink.start();
    });
    afterAll(async () => {
      await sink.stop();
      await db.drop();
    });

    it('migrates, serves /health, and exits cleanly on SIGTERM', async () => {
      const port = await freePort();
      const convene = spawnConvene({
        DATABASE_URL: db.url,
        SMTP_URL: sink.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_PASSWORD: 'startup-test-password',
        LOG_LEVEL: 'info',
        DEMO_DATA: 'false',
        STORAGE_DIR: path.join(os.tmpdir(), `convene-startup-${port}`, 'files'),
      });
      await convene.waitFor(/Convene is listening/, 150_000);
      expect(convene.output()).toContain('Applied migrations: Foundation');
      expect(convene.output()).not.toContain('embedded PostgreSQL');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);

      // One structured line per request, with its id: the caller's when it sends a sane one, else a new one.
      const given = await fetch(`http://127.0.0.1:${port}/auth/me`, {
        headers: { 'x-request-id': 'trace-42.a', authorization: 'Bearer secret-token' },
      });
      expect(((await given.json()) as { requestId: string }).requestId).toBe('trace-42.a');
      const fresh = await fetch(`http://127.0.0.1:${port}/no-such-route`);
      expect(fresh.status).toBe(404);
      await convene.waitFor(/"url":"\/no-such-route"/);
      const requestLines = convene
        .output()
        .split('\n')
        .filter((line) => line.includes('"req":'));
      const logged = requestLines.map(
        (line) =>
          JSON.parse(line) as {
            req: { id: string; method: string; url: string };
            res: { statusCode: number };
            responseTime: number;
          },
      );
      expect(logged.map((l) => [l.req.method, l.req.url, l.res.statusCode])).toEqual([
        ['GET', '/auth/me', 401],
        ['GET', '/no-such-route', 404],
      ]);
      expect(logged[0].req.id).toBe('trace-42.a');
      expect(logged[1].req.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof logged[1].responseTime).toBe('number');
      expect(convene.output()).not.toContain('secret-token');
      convene.child.kill('SIGTERM');
      expect(await convene.exited()).toEqual({ code: 0, signal: null });
    }, 180_000);

    it('loads the demo directory and seeds 000 and 001 with DEMO_DATA=true, once over two starts', async () => {
      const demoDb = await createTestDatabase({ template: false });
      const start = async () => {
        const port = await freePort();
        const convene = spawnConvene({
          DATABASE_URL: demoDb.url,
          SMTP_URL: sink.url,
          PORT: String(port),
          HOST: '127.0.0.1',
          ADMIN_PASSWORD: 'startup-test-password',
          LOG_LEVEL: 'warn',
          DEMO_DATA: 'true',
          STORAGE_DIR: path.join(os.tmpdir(), `convene-startup-${port}`, 'files'),
        });
        await convene.waitFor(/Demo data loaded/, 90_000);
        const base = `http://127.0.0.1:${port}`;
        const login = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@convene.local', password: 'startup-test-password' }),
        });
        const { accessToken } = (await login.json()) as { accessToken: string };
        const get = async (url: string) =>
          (await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${accessToken}` } })).json();
        const conferences = (await get('/conferences?limit=50')) as {
          items: { title: string; plan: { reference: string } }[];
        };
        const units = (await get('/units?limit=1')) as { total: number };
        convene.child.kill('SIGTERM');
        expect((await convene.exited()).code).toBe(0);
        return { references: conferences.items.map((c) => c.plan.reference).sort(), units: units.total };
      };
      try {
        const first = await start();
        expect(first.references).toHaveLength(2);
        expect(first.references).toContain('690/KH-UBND');
        expect(first.units).toBeGreaterThan(300);
        await expect(start()).resolves.toEqual(first);
      } finally {
        await demoDb.drop();
      }
    }, 180_000);
  });

  it('starts the embedded PostgreSQL and the mail catcher when nothing is configured, and keeps the data', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-embedded-'));
    // mkdtemp makes a private folder; run as root, PostgreSQL runs as "postgres" and must traverse it.
    await fs.chmod(root, 0o755);
    const env = async () => ({
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      PG_PORT: String(await freePort()),
      PG_DATA_DIR: path.join(root, 'postgres'),
      STORAGE_DIR: path.join(root, 'files'),
      MAIL_CATCHER_PORT: '0',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });
    try {
      const first = await env();
      let convene = spawnConvene(first);
      const [, password] = await convene.waitFor(/with password (\S+) \(also saved/, 90_000);
      await convene.waitFor(/Mail goes to the built-in catcher/);
      const base = `http://127.0.0.1:${first.PORT}`;
      const health = (await (await fetch(`${base}/health`)).json()) as { info: unknown };
      expect(health.info).toEqual({ database: { status: 'up' }, mail: { status: 'up' } });
      convene.child.kill('SIGINT');
      expect((await convene.exited()).code).toBe(0);

      const second = { ...first, PORT: String(await freePort()) };
      convene = spawnConvene(second);
      await convene.waitFor(/the password is in .*admin-credentials\.txt/, 90_000);
      expect(convene.output()).not.toContain('Applied migrations');
      const login = await fetch(`http://127.0.0.1:${second.PORT}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@convene.local', password }),
      });
      expect(login.status).toBe(200);
      convene.child.kill('SIGTERM');
      expect((await convene.exited()).code).toBe(0);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('stopping while starting', () => {
  it('stops the embedded PostgreSQL too when a signal comes before the service listens', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-early-stop-'));
    await fs.chmod(root, 0o755);
    const pgPort = await freePort();
    try {
      const convene = spawnConvene({
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        PG_PORT: String(pgPort),
        PG_DATA_DIR: path.join(root, 'postgres'),
        STORAGE_DIR: path.join(root, 'files'),
        MAIL_CATCHER_PORT: '0',
        DEMO_DATA: 'true',
        LOG_LEVEL: 'warn',
      });
      // Migrations and the demo data are still ahead: the old handlers were installed only after them.
      await convene.waitFor(/Embedded PostgreSQL is up/, 120_000);
      convene.child.kill('SIGTERM');
      expect(await convene.exited()).toEqual({ code: 0, signal: null });
      expect(convene.output()).not.toContain('could not start');
      const client = new Client({
        host: '127.0.0.1',
        port: pgPort,
        user: 'convene',
        database: 'postgres',
        connectionTimeoutMillis: 2000,
      });
      await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/);
      await expect(fs.access(path.join(root, 'postgres', 'postmaster.pid'))).rejects.toThrow();
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the create-admin command', () => {
  it('creates an administrator who can log in', async () => {
    const db = await createTestDatabase({ template: false });
    try {
      const run = spawnSync(
        process.execPath,
        [
          path.join(spawnBuildDir(), 'src', 'cli.js'),
          'create-admin',
          '--email',
          'Chanh.VP@QuangNam.gov.vn',
          '--password',
          'mat-khau-du-dai',
        ],
        { env: { PATH: process.env.PATH, DATABASE_URL: db.url }, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('chanh.vp@quangnam.gov.vn is an administrator');
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query(`SELECT email, role, password_hash FROM app_user`);
      await client.end();
      expect(rows).toEqual([expect.objectContaining({ email: 'chanh.vp@quangnam.gov.vn', role: 'admin' })]);
      await expect(verifyPassword(rows[0].password_hash, 'mat-khau-du-dai')).resolves.toBe(true);
    } finally {
      await db.drop();
    }
  });

  it('ends the tokens issued before it when it gives an existing user a new password', async () => {
    const db = await createTestDatabase({ template: false });
    const createAdmin = (password: string) =>
      spawnSync(
        process.execPath,
        [
          path.join(spawnBuildDir(), 'src', 'cli.js'),
          'create-admin',
          '--email',
          'vp@quangnam.gov.vn',
          '--password',
          password,
        ],
        { env: { PATH: process.env.PATH, DATABASE_URL: db.url }, encoding: 'utf8' },
      );
    const client = new Client({ connectionString: db.url });
    try {
      expect(createAdmin('mat-khau-thu-nhat').stderr).toBe('');
      await client.connect();
      await client.query(
        `INSERT INTO api_token (user_id, name, token_hash, hint) SELECT id, 'sync', '\\x00', 'cvt_x' FROM app_user`,
      );
      expect(createAdmin('mat-khau-thu-hai').stderr).toBe('');
      const { rows } = await client.query(
        `SELECT u.token_version, t.revoked_at IS NOT NULL AS revoked FROM app_user u JOIN api_token t ON t.user_id = u.id`,
      );
      expect(rows).toEqual([{ token_version: 1, revoked: true }]);
    } finally {
      await client.end();
      await db.drop();
    }
  });

  it('refuses a short password with the rule', async () => {
    const run = spawnSync(
      process.execPath,
      [path.join(spawnBuildDir(), 'src', 'cli.js'), 'create-admin', '--email', 'a@b.vn', '--password', 'short'],
      {
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--password must be at least 10 characters');
  });
});

describe('starting before the database', () => {
  let root: string;
  let sink: SmtpSink;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-db-wait-'));
    await fs.chmod(root, 0o755);
    sink = await SmtpSink.start();
  });
  afterEach(async () => {
    await sink.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  /** A Convene whose DATABASE_URL points at `pgPort`, where nothing listens yet. */
  async function conveneBeforePostgres(pgPort: number, waitSeconds: string, password = 'wait-test-password') {
    const port = await freePort();
    const convene = spawnConvene({
      DATABASE_URL: `postgres://convene:${password}@127.0.0.1:${pgPort}/postgres`,
      DATABASE_WAIT_SECONDS: waitSeconds,
      SMTP_URL: sink.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'startup-test-password',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      STORAGE_DIR: path.join(root, 'files'),
    });
    return { convene, health: () => fetch(`http://127.0.0.1:${port}/health`) };
  }

  /**
   * The embedded PostgreSQL in a process of its own, from the compiled service (its loader needs
   * plain Node, not jest's module sandbox). Resolves once it accepts connections; SIGTERM stops it.
   */
  async function startPostgres(dataDir: string, port: number): Promise<ChildProcess> {
    const module = path.join(spawnBuildDir(), 'src', 'database', 'embedded-postgres.js');
    const script = `require(${JSON.stringify(module)})
      .startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: false, callerHandlesSignals: true })
      .then((pg) => {
        process.stdout.write('postgres is up\\n');
        process.on('SIGTERM', () => pg.stop().finally(() => process.exit(0)));
      }, (error) => { process.stderr.write(String(error)); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('postgres is up')) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('exit', () => reject(new Error(`PostgreSQL did not start: ${output}`)));
    });
    return child;
  }

  it('waits with back-off, answering /health "starting", and starts when PostgreSQL comes up', async () => {
    const pgPort = await freePort();
    const dataDir = path.join(root, 'postgres');
    // The embedded PostgreSQL takes its password from this file: the URL is known before it runs.
    await fs.writeFile(`${dataDir}.credentials.json`, JSON.stringify({ password: 'wait-test-password' }));
    const { convene, health } = await conveneBeforePostgres(pgPort, '300');
    let postgres: ChildProcess | undefined;
    try {
      await convene.waitFor(
        /PostgreSQL is not reachable yet \(connect ECONNREFUSED [^)]*\): trying again in 0\.5 s \(attempt 1; DATABASE_WAIT_SECONDS=300, \d+ s left\)/,
        60_000,
      );
      await convene.waitFor(/trying again in 2\.0 s \(attempt 3;/, 30_000);
      const starting = await health();
      expect(starting.status).toBe(503);
      expect(starting.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await starting.json()).toMatchObject({
        status: 503,
        code: 'STARTING',
        title: 'Starting',
        detail: expect.stringMatching(/^Convene is starting: PostgreSQL is not reachable yet/),
        instance: '/health',
      });
      expect(convene.output()).not.toContain('could not start');

      postgres = await startPostgres(dataDir, pgPort);
      await convene.waitFor(/Convene is listening/, 150_000);
      expect(convene.output()).toMatch(/PostgreSQL is up \(after \d+ attempts, \d+ s\)\./);
      expect(convene.output()).toContain('Applied migrations: Foundation');
      const up = await health();
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
      convene.child.kill('SIGTERM');
      expect(await convene.exited()).toEqual({ code: 0, signal: null });
    } finally {
      if (convene.child.exitCode === null && convene.child.signalCode === null) convene.child.kill('SIGKILL');
      await convene.exited();
      if (postgres && postgres.exitCode === null) {
        const stopped = new Promise((resolve) => postgres!.once('exit', resolve));
        postgres.kill('SIGTERM');
        await stopped;
      }
    }
  }, 300_000);

  it('gives up after DATABASE_WAIT_SECONDS with the cause, and at once when it is 0', async () => {
    const waited = await conveneBeforePostgres(await freePort(), '2');
    expect((await waited.convene.exited()).code).toBe(1);
    expect(waited.convene.output()).toMatch(/trying again in 0\.5 s \(attempt 1; DATABASE_WAIT_SECONDS=2/);
    expect(waited.convene.output()).toMatch(/Convene could not start: connect ECONNREFUSED/);

    const atOnce = await conveneBeforePostgres(await freePort(), '0');
    expect((await atOnce.convene.exited()).code).toBe(1);
    expect(atOnce.convene.output()).not.toContain('trying again');
    expect(atOnce.convene.output()).toMatch(/Convene could not start: connect ECONNREFUSED/);
  }, 120_000);
});
