/**
 * Bulk bridge points at national scale: `node -r ts-node/register/transpile-only test/bench/bridge-points.bench.ts`.
 * Starts its own embedded PostgreSQL, generates a national directory with SQL (34 provinces with
 * their communes), and times "one per province, and under each one per commune" through the real
 * service: 3,400 points (today's 3,321 communes) and 31,000 points (the 2026 figure). Then the
 * reads of the console's tree on them: the top level, the host's branch, a deep page of a
 * province's branch, a search by name at any depth (each the median of 5). Prints each figure on
 * its own line.
 */
import 'reflect-metadata';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../config/typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AuditService } from '../../src/audit/audit.service';
import type { UserPrincipal } from '../../src/identity/principal';
import { BridgePoint } from '../../src/bridge-points/bridge-point.entity';
import { BridgePointListQuery } from '../../src/bridge-points/bridge-points.dto';
import { BridgePointsBulkService } from '../../src/bridge-points/bridge-points-bulk.service';
import { BridgePointsService } from '../../src/bridge-points/bridge-points.service';
import { SystemClock } from '../../src/common/clock';
import { ConferenceAccess } from '../../src/conferences/conference-access.service';
import { Conference } from '../../src/conferences/conference.entity';
import { ConferenceMember } from '../../src/conferences/conference-member.entity';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { DomainEvents } from '../../src/events/domain-events';
import { runMigrations } from '../../src/database/migrate';
import { freePort } from '../support/free-port';

const PROVINCES = 34;
const ADMIN: UserPrincipal = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'bench@convene.test',
  role: 'admin',
};
const ACTOR = { kind: 'system' as const, id: null, label: 'bench' };

const figure = (name: string, value: number | string, unit = '') =>
  process.stdout.write(`${name}: ${value}${unit ? ` ${unit}` : ''}\n`);

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

/** A country root, 34 provinces, and `communesPerProvince` communes under each (no district level). */
async function generateDirectory(ds: DataSource, communesPerProvince: number, tag: string): Promise<string> {
  const [root] = await ds.query(
    `INSERT INTO unit (name, kind, search_key) VALUES ($1, 'central_agency', $1) RETURNING id`,
    [`Chính phủ ${tag}`],
  );
  await ds.query(
    `INSERT INTO unit (name, kind, parent_id, search_key) SELECT 'UBND tỉnh ' || $2 || ' ' || p, 'provincial_committee', $1, 'ubnd tinh ' || p FROM generate_series(1, $3) p`,
    [root.id, tag, PROVINCES],
  );
  await ds.query(
    `INSERT INTO unit (name, kind, parent_id, search_key)
     SELECT 'UBND xã ' || n || ' (' || pr.name || ')', 'commune_committee', pr.id, 'ubnd xa ' || n
       FROM unit pr CROSS JOIN generate_series(1, $2) n WHERE pr.parent_id = $1`,
    [root.id, communesPerProvince],
  );
  return root.id;
}

async function newConference(ds: DataSource, title: string): Promise<string> {
  const [c] = await ds.query(
    `INSERT INTO conference (title, kind, format, calendar_uid) VALUES ($1, 'conference', 'online', gen_random_uuid() || '@bench') RETURNING id`,
    [title],
  );
  await ds.query(
    `INSERT INTO bridge_point (conference_id, role, depth, name) VALUES ($1, 'host', 0, 'Điểm cầu Trung ương')`,
    [c.id],
  );
  return c.id;
}

/** Two people invited at each commune point, the first of them accepted: what the roll-ups sum. */
async function invitePerPoint(ds: DataSource, conferenceId: string): Promise<void> {
  await ds.query(
    `WITH pts AS (SELECT id FROM bridge_point WHERE conference_id = $1 AND depth = 2),
          ppl AS (INSERT INTO person (full_name, email, language, search_key)
                  SELECT 'Đại biểu ' || n || ' ' || pts.id, pts.id || '.' || n || '@bench.test', 'vi', 'dai bieu'
                    FROM pts CROSS JOIN generate_series(1, 2) n
                  RETURNING id, split_part(email, '.', 1)::uuid AS point_id, split_part(split_part(email, '.', 2), '@', 1)::int AS n)
     INSERT INTO invitation (conference_id, bridge_point_id, person_id, source, added_by_kind, added_by_label, answer, answer_sequence, sent_sequence)
     SELECT $1, point_id, id, 'manual', 'system', 'bench', CASE WHEN n = 1 THEN 'accepted' END, 0, 0 FROM ppl`,
    [conferenceId],
  );
}

const RUNS = 5;

/** The console's tree reads, through the real service: each the median of RUNS runs, with the page's size and total. */
async function treeFigures(points: BridgePointsService, ds: DataSource, conferenceId: string, label: string) {
  const [host] = await ds.query(`SELECT id FROM bridge_point WHERE conference_id = $1 AND role = 'host'`, [
    conferenceId,
  ]);
  const [province] = await ds.query(
    `SELECT id FROM bridge_point WHERE conference_id = $1 AND depth = 1 ORDER BY name DESC LIMIT 1`,
    [conferenceId],
  );
  const reads: [string, Partial<BridgePointListQuery>][] = [
    ['top level (parentId=root)', { parentId: 'root' }],
    ['the host’s branch', { parentId: host.id }],
    ['a province’s branch, page at offset 850', { parentId: province.id, offset: 850 }],
    ['search q=xa 512 at any depth', { q: 'xa 512' }],
  ];
  for (const [name, params] of reads) {
    const query = Object.assign(new BridgePointListQuery(), { limit: 50, offset: 0 }, params);
    const times: number[] = [];
    let page: [unknown[], number] = [[], 0];
    for (let run = 0; run < RUNS; run++) {
      const [[items, total], ms] = await timed(() => points.list(ADMIN, conferenceId, query));
      page = [items, total];
      times.push(ms);
    }
    const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    figure(`tree ${label}: ${name} (${page[0].length} of ${page[1]})`, median.toFixed(1), 'ms');
  }
}

async function main(): Promise<void> {
  const dataDir = path.join(os.tmpdir(), `convene-bench-${process.pid}`, 'pg');
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
    settings: { fsync: 'off', synchronous_commit: 'off' },
  });
  const ds = new DataSource({
    ...typeormOptions(pg.url, 4),
    entities: [Conference, ConferenceMember, BridgePoint, AuditEntry],
  });
  try {
    await runMigrations(pg.url);
    await ds.initialize();
    const audit = new AuditService(ds, new SystemClock());
    const bulk = new BridgePointsBulkService(ds, new ConferenceAccess(ds), audit);
    const points = new BridgePointsService(ds, new ConferenceAccess(ds), audit, new DomainEvents(), new SystemClock());
    const levels = [
      { unitKind: 'provincial_committee' as const, name: 'Điểm cầu {unit}' },
      {
        unitKind: 'commune_committee' as const,
        name: 'Điểm cầu {unit}',
        room: 'Hội trường UBND xã',
        // ~1.93 million people over ~31,000 points: "khoảng 62 đại biểu" each.
        expectedAttendance: 62,
        expectedAttendanceApproximate: true,
      },
    ];

    for (const [label, perProvince] of [
      ['3,400 points', 98],
      ['31,000 points', 911],
    ] as const) {
      const [root, generateMs] = await timed(() => generateDirectory(ds, perProvince, label));
      figure(`directory for ${label} (units generated with SQL)`, PROVINCES * (perProvince + 1) + 1, 'units');
      figure(`directory generation for ${label}`, generateMs.toFixed(0), 'ms');
      const conferenceId = await newConference(ds, label);
      const [result, bulkMs] = await timed(() =>
        bulk.createFromDirectory(ADMIN, ACTOR, conferenceId, { rootUnitId: root, levels }),
      );
      figure(`bulk create ${label}: points created`, result.created);
      figure(`bulk create ${label}: time`, bulkMs.toFixed(0), 'ms');
      const [again, againMs] = await timed(() =>
        bulk.createFromDirectory(ADMIN, ACTOR, conferenceId, { rootUnitId: root, levels }),
      );
      figure(
        `bulk create ${label} again (nothing missing): created / existing`,
        `${again.created} / ${again.existing}`,
      );
      figure(`bulk create ${label} again: time`, againMs.toFixed(0), 'ms');
      const invitedMs = (await timed(() => invitePerPoint(ds, conferenceId)))[1];
      figure(`invitations for ${label} (2 per commune point, one accepted, SQL)`, invitedMs.toFixed(0), 'ms');
      const [summary, firstSummaryMs] = await timed(() => bulk.summary(ADMIN, conferenceId));
      figure(`summary ${label}: first read after the invitations`, firstSummaryMs.toFixed(0), 'ms');
      const summaryTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) summaryTimes.push((await timed(() => bulk.summary(ADMIN, conferenceId)))[1]);
      const summaryMs = summaryTimes.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      figure(`summary ${label}: levels / parents`, `${summary.byLevel.length} / ${summary.byParent.length}`);
      const { expected, invited, confirmed } = summary.attendance;
      figure(`summary ${label}: expected / invited / confirmed`, `${expected} / ${invited} / ${confirmed}`);
      figure(`summary ${label}: time (median of ${RUNS})`, summaryMs.toFixed(0), 'ms');
      await treeFigures(points, ds, conferenceId, label);
    }
    figure('process RSS after the runs', (process.memoryUsage().rss / 1024 / 1024).toFixed(0), 'MiB');
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pg.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
