/**
 * The console's reads at national size (issue 15): `npm run bench -- console [points=31000]
 * [invitees=2000000] [runs=5]`. Starts its own embedded PostgreSQL and the real app listening on
 * 127.0.0.1, builds the data (console-data.ts: directory with SQL, points through the bulk
 * service, invitations and their outbox REQUESTs set-based), logs in as the administrator, and
 * times through HTTP (fetch, bearer token) the median of `runs` requests of: the conference list
 * and its summaries; the points tree (top level, a province's children, a search); the
 * invitations board (first page, last page, each filter) and its summary. Each figure is printed
 * with the 300 ms goal and its ratio; the first request of each is a warm-up, not counted.
 */
import 'reflect-metadata';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { UsersService } from '../../src/auth/users.service';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { freePort } from '../support/free-port';
import { buildBoard } from './console-data';
import { figure, timed } from './national-figures';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]),
) as Record<string, string | undefined>;
const POINTS = Number(args.points ?? 31_000);
const INVITEES = Number(args.invitees ?? 2_000_000);
const RUNS = Number(args.runs ?? 5);
const GOAL_MS = 300;
const ADMIN_EMAIL = 'bench-admin@bench.gov.vn';
const ADMIN_PASSWORD = 'bench-admin-password';
const n = (value: number) => value.toLocaleString('en-US');

interface Read {
  name: string;
  path: string;
}

/** The median of RUNS timed GETs after one warm-up; throws on anything but 200. */
async function median(base: string, token: string, read: Read): Promise<{ ms: number; body: unknown }> {
  const get = async () => {
    const res = await fetch(`${base}${read.path}`, { headers: { Authorization: `Bearer ${token}` } });
    const body: unknown = await res.json();
    if (res.status !== 200) throw new Error(`${read.path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  let body = await get();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [answer, seconds] = await timed(get);
    body = answer;
    times.push(seconds * 1000);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)], body };
}

/** What the answer held: a page's size and total, or nothing for a summary. */
function shape(body: unknown): string {
  const page = body as { items?: unknown[]; total?: number };
  return Array.isArray(page.items) ? ` (${page.items.length} of ${n(page.total ?? 0)})` : '';
}

async function reads(ds: DataSource, conferenceId: string, total: number): Promise<Read[]> {
  const c = `/conferences/${conferenceId}`;
  const [province] = await ds.query(
    `SELECT id FROM bridge_point WHERE conference_id = $1 AND depth = 1 ORDER BY name DESC LIMIT 1`,
    [conferenceId],
  );
  const [person] = await ds.query(
    `SELECT p.full_name, p.email FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.conference_id = $1 ORDER BY i.id LIMIT 1`,
    [conferenceId],
  );
  const q = (value: string) => encodeURIComponent(value);
  return [
    { name: 'conference list (GET /conferences)', path: '/conferences?limit=50' },
    { name: 'conference summaries (GET /conference-summaries)', path: '/conference-summaries?limit=50' },
    { name: 'points tree: top level', path: `${c}/bridge-points?parentId=root&limit=50` },
    { name: 'points tree: a province’s children', path: `${c}/bridge-points?parentId=${province.id}&limit=50` },
    { name: 'points tree: search q=xa 512', path: `${c}/bridge-points?q=${q('xa 512')}&limit=50` },
    { name: 'board: first page', path: `${c}/invitations?limit=50` },
    { name: 'board: last page', path: `${c}/invitations?limit=50&offset=${Math.max(0, total - 50)}` },
    { name: `board: q=${person.full_name} (name)`, path: `${c}/invitations?limit=50&q=${q(person.full_name)}` },
    { name: `board: q=${person.email} (e-mail)`, path: `${c}/invitations?limit=50&q=${q(person.email)}` },
    { name: 'board: answer=declined', path: `${c}/invitations?limit=50&answer=declined` },
    { name: 'board: mail=failed', path: `${c}/invitations?limit=50&mail=failed` },
    { name: 'board: siteId=a province point', path: `${c}/invitations?limit=50&siteId=${province.id}` },
    { name: 'board: summary (GET …/invitations/summary)', path: `${c}/invitations/summary` },
  ];
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function measure(app: INestApplication, base: string): Promise<void> {
  const ds = app.get(DataSource);
  const [board, buildSeconds] = await timed(() => buildBoard(app, POINTS, INVITEES));
  figure(
    `data: ${n(board.points)} points, ${n(board.invitations)} invitations and as many outbox REQUESTs (built set-based)`,
    buildSeconds,
    's',
  );
  await app.get(UsersService).ensureAdmin();
  const token = await login(base);
  const slow: string[] = [];
  for (const read of await reads(ds, board.conferenceId, board.invitations)) {
    const { ms, body } = await median(base, token, read);
    if (ms > GOAL_MS) slow.push(read.name);
    figure(
      `${read.name}${shape(body)}, median of ${RUNS}`,
      `${ms.toFixed(0)} ms (goal ${GOAL_MS} ms, ratio ${(ms / GOAL_MS).toFixed(2)})`,
    );
  }
  figure('over the goal', slow.length === 0 ? 'none' : slow.join('; '));
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-bench-console-'));
  await fs.chmod(root, 0o755); // as root, PostgreSQL runs as "postgres", who must enter the folder
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    settings: { max_wal_size: '4GB', fsync: 'off', synchronous_commit: 'off' },
  });
  let app: INestApplication | undefined;
  try {
    await runMigrations(pg.url);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      SMTP_URL: 'smtp://127.0.0.1:9', // nothing is sent: the scheduler is off
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DEMO_DATA: 'false',
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      MAIL_FROM: 'Văn phòng Chính phủ <convene@bench.gov.vn>',
      PUBLIC_URL: 'https://convene.bench.gov.vn',
      STORAGE_DIR: path.join(root, 'files'),
    });
    app = configureApp(await NestFactory.create(AppModule.forRoot(config), { logger: false }), config);
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    figure(
      'machine',
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, node ${process.version}`,
    );
    figure('size', `1 host point + ${n(POINTS)} points, ${n(INVITEES)} invitees`);
    await measure(app, base.replace('[::1]', '127.0.0.1'));
    figure(
      'load average at the end',
      os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
    );
  } finally {
    await app?.close();
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`console bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
