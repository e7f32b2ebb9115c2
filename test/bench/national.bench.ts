/**
 * A national online conference end to end: `npm run bench -- national [--national] [points=10000]
 * [invitees=100000] [deliver=5000] [rounds=2] [sample=1000] [claim=10000,1000000|none] [pool=5] [concurrency=10] [fsync=on|off] [profile]`.
 * Starts its own embedded PostgreSQL and the outbox bench's SMTP sink (a child process on
 * 127.0.0.1), builds the conference through the real services (directory with SQL, conference,
 * host point, bulk points, a composition rule per point, invitations generated from the rules,
 * the "send invitations" command queueing through the outbox), then prints, one figure a line:
 *  - seconds to create the points, to generate the invitations and to queue them (rows written),
 *    and a random sample rendered through the real invitation renderer (failures must be 0);
 *  - default size only (or with deliver=…): `deliver` of those invitations delivered through the
 *    real dispatcher, and a bare nodemailer pool sending the same messages pre-rendered (the
 *    ceiling), best of `rounds`, and their ratio (goal ≥ 70 %);
 *  - claim time of 100 due rows with 10,000 and 1,000,000 queued (the outbox bench's code);
 *  - peak RSS of this process, the one doing the work (goal < 512 MB).
 * Default: 1 host point + 10,000 points, 100,000 invitees. `--national`: 31,000 points, 2,000,000.
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
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { freePort } from '../support/free-port';
import {
  createConference,
  createOrganizer,
  createPoints,
  generateInvitations,
  Organizer,
  sendInvitations,
  writeRules,
} from './national-conference';
import { checkRenderable, dispatch, holdBack, preRender, release } from './national-delivery';
import { generateDirectory } from './national-directory';
import { reportProfile, startProfile } from './national-profile';
import { figure, mb, PeakRss, timed } from './national-figures';
import { barePool, claimFigures, startSink, waitForSink } from './outbox.bench';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]),
) as Record<string, string | undefined>;
const NATIONAL = 'national' in args;
const POINTS = Number(args.points ?? (NATIONAL ? 31_000 : 10_000));
const INVITEES = Number(args.invitees ?? (NATIONAL ? 2_000_000 : 100_000));
/** Delivery is measured at the default size; the national run is about queueing and memory. */
const DELIVER = Number(args.deliver ?? (NATIONAL ? 0 : 5000));
const ROUNDS = Number(args.rounds ?? 2);
const SAMPLE = Number(args.sample ?? 1000);
const POOL_SIZE = Number(args.pool ?? 5);
/** OUTBOX_CONCURRENCY: sends in flight (default 2 × pool), each holding its slot until its sent mark is written. */
const CONCURRENCY = args.concurrency;
const FSYNC = (args.fsync ?? 'on') !== 'off';
const CLAIMS = (args.claim ?? '10000,1000000') !== 'none';
/** `profile`: after each phase, the statements it spent its database time on. */
const PROFILE = 'profile' in args;
const profiled = (label: string) => PROFILE && reportProfile(label);

const rss = new PeakRss();
const n = (value: number) => value.toLocaleString('en-US');

async function buildConference(app: INestApplication, who: Organizer): Promise<string> {
  const ds = app.get(DataSource);
  const [directory, directorySeconds] = await timed(() => generateDirectory(ds, POINTS, INVITEES));
  figure(
    `directory (SQL): ${n(directory.units)} units with a point (${directory.provinces} provinces, ${n(directory.communes)} communes), ${n(INVITEES)} people`,
    directorySeconds,
    's',
  );
  const conferenceId = await createConference(app, who, directory.rootUnitId);
  figure('peak RSS while generating the directory', mb(rss.phase()), 'MB');
  profiled('directory and conference');
  const [points, pointSeconds] = await timed(() => createPoints(app, who, conferenceId, directory.rootUnitId));
  figure(
    `create the points: 1 host point + ${n(points.created)} points in one bulk request (BridgePointsBulkService)`,
    pointSeconds,
    's',
  );
  profiled('points');
  const rules = await writeRules(app, conferenceId);
  const [generated, generateSeconds] = await timed(() => generateInvitations(app, who, conferenceId));
  figure(
    `generate invitations from ${n(rules)} composition rules (InvitationGeneration.generate, ${n(generated.sites.length)} sites): ${n(generated.created)} invitations`,
    generateSeconds,
    's',
  );
  figure('peak RSS while generating invitations', mb(rss.phase()), 'MB');
  profiled('generate');
  if (generated.created !== INVITEES)
    throw new Error(`generated ${generated.created} invitations for ${INVITEES} invitees`);
  const [sent, sendSeconds] = await timed(() => sendInvitations(app, who, conferenceId));
  profiled('queue');
  const [{ rows }] = await ds.query(
    `SELECT count(*)::int AS rows FROM outbox_message WHERE conference_id = $1 AND kind = 'invitation' AND status = 'queued'`,
    [conferenceId],
  );
  figure(
    `queue every invitation (InvitationsService.send: ${n(sent.queued)} queued, ${n(rows)} outbox rows written, ${sent.withoutEmail} without e-mail)`,
    sendSeconds,
    's',
  );
  if (rows !== INVITEES || sent.queued !== INVITEES)
    throw new Error(`queued ${sent.queued}, ${rows} rows, for ${INVITEES} invitations`);
  figure('generate + queue', generateSeconds + sendSeconds, 's');
  figure('queue rate', n(Math.round(INVITEES / sendSeconds)), 'invitations/s');
  figure('peak RSS while queueing', mb(rss.phase()), 'MB');
  return conferenceId;
}

async function renderFigures(app: INestApplication, conferenceId: string): Promise<void> {
  const check = await checkRenderable(app, conferenceId, SAMPLE);
  figure(
    `render check: ${n(check.sampled)} queued invitations sampled at random, rendered by InvitationRenderer (answer links minted)`,
    `${check.failures} failures`,
  );
  figure('render check: rate', n(Math.round(check.perSecond)), 'messages/s');
  if (check.failures > 0 || check.sampled < Math.min(SAMPLE, INVITEES))
    throw new Error(`render check failed: ${check.sampled} sampled, ${check.failuresSample.join('; ')}`);
}

async function deliveryFigures(
  app: INestApplication,
  conferenceId: string,
  sink: Awaited<ReturnType<typeof startSink>>,
): Promise<void> {
  if (200 + ROUNDS * DELIVER > INVITEES)
    throw new Error(`deliver=${DELIVER} × rounds=${ROUNDS} (+200 to warm up) needs more than ${INVITEES} invitees`);
  await holdBack(app, conferenceId);
  // Warm both paths (connections, JIT, caches) on a small slice first.
  const warm = await release(app, conferenceId, 200);
  await barePool(sink.url, await preRender(app, warm));
  await dispatch(app, warm.length);
  let prepared: Awaited<ReturnType<typeof preRender>> = [];
  let ceiling = 0;
  let rate = 0;
  let bytes = 0;
  let dispatcherRss = 0;
  let barePoolRss = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const rows = await release(app, conferenceId, DELIVER);
    // The dispatcher first, so that its memory is measured before the bench's pre-rendered copies exist.
    const before = await sink.count();
    rss.phase();
    rate = Math.max(rate, await dispatch(app, rows.length));
    const phasePeak = rss.phase();
    if (round === 0) dispatcherRss = phasePeak;
    await waitForSink(sink, before.received + rows.length);
    if (round === 0) prepared = await preRender(app, rows); // the first slice, rendered again once, is the bare pool's load
    const afterDispatch = await sink.count();
    ceiling = Math.max(ceiling, await barePool(sink.url, prepared));
    await waitForSink(sink, afterDispatch.received + prepared.length);
    bytes = ((await sink.count()).bytes - afterDispatch.bytes) / prepared.length;
    barePoolRss = Math.max(barePoolRss, rss.phase());
  }
  profiled('delivery');
  figure('message size (average, as received)', (bytes / 1024).toFixed(2), 'KB');
  figure(
    `delivery, bare nodemailer pool of ${POOL_SIZE} (ceiling, ${n(DELIVER)} pre-rendered invitations, best of ${ROUNDS})`,
    n(Math.round(ceiling)),
    'messages/s',
  );
  figure(
    `delivery, outbox dispatcher, OUTBOX_CONCURRENCY=${CONCURRENCY ?? 2 * POOL_SIZE} (${n(DELIVER)} invitations of the queue, claim + render + send + mark sent, best of ${ROUNDS})`,
    n(Math.round(rate)),
    'messages/s',
  );
  figure('delivery, dispatcher / ceiling', ((rate / ceiling) * 100).toFixed(1), '%');
  figure(
    "peak RSS while the dispatcher delivers (first round, before the bare pool's copies exist)",
    mb(dispatcherRss),
    'MB',
  );
  figure(
    "peak RSS while the bench pre-renders and the bare pool sends (the bench's own copies of the messages)",
    mb(barePoolRss),
    'MB',
  );
}

async function main(): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-bench-national-'));
  await fs.chmod(root, 0o755); // as root, PostgreSQL runs as "postgres", who must enter the folder
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(root, 'pg'),
    port: await freePort(),
    persistent: false,
    settings: {
      max_connections: 100,
      max_wal_size: '4GB',
      ...(FSYNC ? {} : { fsync: 'off', synchronous_commit: 'off' }),
    },
  });
  const sink = await startSink();
  if (PROFILE) startProfile();
  let app: INestApplication | undefined;
  try {
    await runMigrations(pg.url);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: pg.url,
      SMTP_URL: sink.url,
      SMTP_POOL_SIZE: String(POOL_SIZE),
      ...(CONCURRENCY ? { OUTBOX_CONCURRENCY: CONCURRENCY } : {}),
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DEMO_DATA: 'false',
      MAIL_FROM: 'Văn phòng Chính phủ <convene@bench.gov.vn>',
      PUBLIC_URL: 'https://convene.bench.gov.vn',
      STORAGE_DIR: path.join(root, 'files'),
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    await app.init();
    figure(
      'machine',
      `${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, node ${process.version}, PostgreSQL fsync ${FSYNC ? 'on' : 'off'}`,
    );
    figure('size', `1 host point + ${n(POINTS)} points, ${n(INVITEES)} invitees${NATIONAL ? ' (--national)' : ''}`);
    figure('RSS after start-up (Nest, TypeORM, ts-node)', mb(process.memoryUsage().rss), 'MB');
    const conferenceId = await buildConference(app, await createOrganizer(app));
    await renderFigures(app, conferenceId);
    if (DELIVER > 0) await deliveryFigures(app, conferenceId, sink);
    if (CLAIMS) await claimFigures(app);
    figure('peak RSS of this process (the one doing the work, all phases)', mb(rss.peak()), 'MB');
  } finally {
    rss.stop();
    await app?.close();
    sink.child.send({ type: 'stop' });
    await pg.stop();
    await fs.rm(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`national bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
