/**
 * The outbox at scale: `node -r ts-node/register/transpile-only test/bench/outbox.bench.ts [messages=3000] [claim=10000,1000000] [fsync=on]`
 * (or `npm run bench -- outbox messages=5000`). Starts its own embedded PostgreSQL and an SMTP
 * sink in a child process on 127.0.0.1, then prints, one figure a line:
 *  - delivery through the dispatcher (claim, render an invitation with a calendar part, send, mark
 *    sent) in messages a second, and in the same run a bare nodemailer pool sending the same
 *    pre-rendered messages to the same sink (the ceiling), and their ratio (goal: ≥ 70 %);
 *  - rendering alone: `ics` once per message vs. the invariant part built once per event version;
 *  - claiming a batch of 100 due rows with each number of rows queued (and with a million sent
 *    rows behind 10,000 queued): the partial index should keep it flat;
 *  - peak memory (RSS) of this process (goal: < 512 MB).
 */
import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { AppModule } from '../../src/app.module';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { toSendMailOptions } from '../../src/outbox/mail-options';
import { OutboxClaims } from '../../src/outbox/outbox-claims';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxRenderers, RenderableMessage } from '../../src/outbox/outbox-renderers';
import { freePort } from '../support/free-port';
import { BENCH_KIND, benchEvents, InvitationRenderer, renderWithoutCache } from './outbox-renderer';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]),
) as Record<string, string | undefined>;
const MESSAGES = Number(args.messages ?? 3000);
const CLAIM_SIZES = (args.claim ?? '10000,1000000').split(',').filter(Boolean).map(Number);
const FSYNC = (args.fsync ?? 'on') !== 'off';
const POOL_SIZE = Number(args.pool ?? 5);
/** Rounds of (bare pool, dispatcher), alternating; the best of each is printed (others share this machine). */
const ROUNDS = Number(args.rounds ?? 2);

const figure = (name: string, value: number | string, unit = '') =>
  process.stdout.write(`${name}: ${typeof value === 'number' ? round(value) : value}${unit ? ` ${unit}` : ''}\n`);
const round = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

let peakRss = 0;
let phasePeakRss = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  phasePeakRss = Math.max(phasePeakRss, rss);
}, 20);
// Imported by national.bench.ts for its claim figures: the sampler must not keep that process alive.
sampler.unref();

export async function startSink(): Promise<{
  child: ChildProcess;
  url: string;
  count(): Promise<{ received: number; bytes: number }>;
}> {
  const child = fork(path.join(__dirname, 'outbox-sink.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const count = () =>
    new Promise<{ received: number; bytes: number }>((resolve) => {
      child.once('message', (m: { received: number; bytes: number }) => resolve(m));
      child.send({ type: 'count' });
    });
  return { child, url: `smtp://127.0.0.1:${port}`, count };
}

export async function waitForSink(sink: { count(): Promise<{ received: number }> }, total: number): Promise<void> {
  while ((await sink.count()).received < total) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Messages handed to the bare pool at once: far more than its connections can take, far fewer than all. */
const BARE_WINDOW = 100;

/** The ceiling: a bare pool sending pre-rendered messages, its queue never empty. */
export async function barePool(sinkUrl: string, messages: nodemailer.SendMailOptions[]): Promise<number> {
  const transport = nodemailer.createTransport({
    url: sinkUrl,
    pool: true,
    maxConnections: POOL_SIZE,
    maxMessages: Infinity,
    ignoreTLS: true,
  } as nodemailer.TransportOptions);
  await transport.verify();
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < messages.length) await transport.sendMail(messages[next++]);
  };
  await Promise.all(Array.from({ length: BARE_WINDOW }, lane));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return messages.length / seconds;
}

async function fanOut(ds: DataSource, count: number, status = 'queued', offset = 0): Promise<number> {
  const started = performance.now();
  await ds.query(
    `INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, payload, status, sent_at)
     SELECT 'bench:' || $3::text || ':' || n, $4, 'delegate' || n || '@convene.test', 'Đại biểu số ' || n,
            jsonb_build_object('eventId', 'event-' || (n % 3), 'sequence', 0),
            $2, CASE WHEN $2 = 'sent' THEN now() END
     FROM generate_series($5::int + 1, $5::int + $1::int) AS n`,
    [count, status, status, BENCH_KIND, offset],
  );
  return count / ((performance.now() - started) / 1000);
}

async function deliveryFigures(
  app: INestApplication,
  sinkUrl: string,
  sink: Awaited<ReturnType<typeof startSink>>,
): Promise<void> {
  const ds = app.get(DataSource);
  const renderer = app.get(OutboxRenderers).get(BENCH_KIND) as InvitationRenderer;
  const from = 'Convene <convene@convene.test>';
  const rows: RenderableMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: randomUUID(),
    dedupeKey: `bare:${i}`,
    kind: BENCH_KIND,
    conferenceId: null,
    recipientEmail: `delegate${i}@convene.test`,
    recipientName: `Đại biểu số ${i}`,
    payload: { eventId: `event-${i % 3}`, sequence: 0 },
    attempt: 1,
    messageId: `<bare-${i}@convene.test>`,
    createdAt: new Date(),
  }));
  const rendered = renderer.renderSync(rows);
  const prepared = rows.map((row, i) => toSendMailOptions(row, (rendered[i] as { mail: never }).mail, from));

  // Warm both paths (connections, JIT) before measuring.
  await barePool(sinkUrl, prepared.slice(0, 200));
  await fanOut(ds, 200, 'queued', 10_000_000);
  await app.get(OutboxDispatcher).drain();

  let ceiling = 0;
  let rate = 0;
  let dispatcherPeakRss = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const before = await sink.count();
    ceiling = Math.max(ceiling, await barePool(sinkUrl, prepared));
    await waitForSink(sink, before.received + MESSAGES);
    const afterBare = await sink.count();
    if (round === 0)
      figure('message size (average, as received)', (afterBare.bytes - before.bytes) / MESSAGES / 1024, 'KB');

    await fanOut(ds, MESSAGES, 'queued', (round + 1) * 1_000_000);
    phasePeakRss = 0;
    const started = performance.now();
    const report = await app.get(OutboxDispatcher).drain();
    rate = Math.max(rate, report.sent / ((performance.now() - started) / 1000));
    dispatcherPeakRss = Math.max(dispatcherPeakRss, phasePeakRss);
    await waitForSink(sink, afterBare.received + MESSAGES);
    if (report.sent !== MESSAGES)
      throw new Error(`the dispatcher sent ${report.sent} of ${MESSAGES}: ${JSON.stringify(report)}`);
  }

  figure(
    `delivery, bare nodemailer pool of ${POOL_SIZE} (ceiling, ${MESSAGES} messages, best of ${ROUNDS})`,
    ceiling,
    'messages/s',
  );
  figure(
    `delivery, outbox dispatcher (${MESSAGES} messages, claim + render + send + mark sent, best of ${ROUNDS})`,
    rate,
    'messages/s',
  );
  figure('delivery, dispatcher / ceiling', (rate / ceiling) * 100, '%');
  figure('peak RSS while the dispatcher delivers', dispatcherPeakRss / 1024 / 1024, 'MB');
  figure(
    'render, ics once per message',
    renderPerSecond(() => renderWithoutCache(rows.slice(0, 500))),
    'messages/s',
  );
  figure(
    'render, invariant part once per event version',
    renderPerSecond(() => renderer.renderSync(rows.slice(0, 500))),
    'messages/s',
  );
}

function renderPerSecond(work: () => unknown[]): number {
  work();
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < 1000) count += work().length;
  return count / ((performance.now() - started) / 1000);
}

/** Median and 95th percentile of claiming 100 due rows, `rounds` times (each claim takes the next 100). */
async function claimTimes(app: INestApplication, rounds = 40): Promise<{ median: number; p95: number }> {
  const claims = app.get(OutboxClaims);
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    const rows = await claims.claim({
      now: null,
      limit: 100,
      leaseMs: 300_000,
      claimedBy: 'bench',
      token: randomUUID(),
      kinds: [BENCH_KIND],
      messageIdDomain: 'convene.test',
    });
    times.push(performance.now() - started);
    if (rows.length !== 100) throw new Error(`claimed ${rows.length} rows instead of 100`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

export async function claimFigures(app: INestApplication): Promise<void> {
  const ds = app.get(DataSource);
  const run = async (label: string, queued: number, sent: number) => {
    await ds.query('TRUNCATE outbox_message');
    if (sent > 0) await fanOut(ds, sent, 'sent', 20_000_000);
    const insertRate = await fanOut(ds, queued);
    // Settle the bulk insert's background work (vacuum, checkpoint) so it does not land inside the timings.
    await ds.query('VACUUM ANALYZE outbox_message');
    await ds.query('CHECKPOINT');
    const { median, p95 } = await claimTimes(app);
    figure(`fan-out INSERT … SELECT (${queued.toLocaleString('en-US')} rows)`, insertRate, 'rows/s');
    figure(`claim 100 due rows, ${label}`, `median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`);
  };
  for (const size of CLAIM_SIZES) await run(`${size.toLocaleString('en-US')} queued`, size, 0);
  const largest = Math.max(...CLAIM_SIZES);
  if (largest >= 100_000) await run(`10,000 queued behind ${largest.toLocaleString('en-US')} sent`, 10_000, largest);
  await ds.query('TRUNCATE outbox_message');
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-bench-outbox-'));
  await fs.chmod(root, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    settings: FSYNC ? { max_connections: 100 } : { fsync: 'off', synchronous_commit: 'off', max_connections: 100 },
  });
  const sink = await startSink();
  let app: INestApplication | undefined;
  try {
    await runMigrations(pg.url);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(POOL_SIZE),
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DEMO_DATA: 'false',
      MAIL_FROM: 'Convene <convene@convene.test>',
      STORAGE_DIR: path.join(root, 'files'),
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.init();
    app.get(OutboxRenderers).register(BENCH_KIND, new InvitationRenderer(benchEvents()));
    figure('machine', `${os.cpus().length} cores, node ${process.version}, PostgreSQL fsync ${FSYNC ? 'on' : 'off'}`);
    figure(
      'RSS of the sending process after start-up (Nest, TypeORM, ts-node)',
      process.memoryUsage().rss / 1024 / 1024,
      'MB',
    );
    await deliveryFigures(app, sink.url, sink);
    await claimFigures(app);
    figure('peak RSS of the bench process (all phases, 1,000,000-row claims included)', peakRss / 1024 / 1024, 'MB');
  } finally {
    clearInterval(sampler);
    await app?.close();
    sink.child.send({ type: 'stop' });
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

if (require.main === module)
  main().catch((error) => {
    process.stderr.write(`outbox bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
