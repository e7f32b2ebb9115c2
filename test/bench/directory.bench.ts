/**
 * Directory at national scale: generates a national directory as the two import CSVs, imports them
 * through the real import services into a real (embedded) PostgreSQL, and times the questions
 * attendee-composition rules ask. Prints one figure per line.
 *
 *   node -r ts-node/register/transpile-only test/bench/directory.bench.ts [--size pre2025|2025|small]
 *
 * pre2025 (default): 63 provinces, ~700 districts, ~10,600 communes, ~200,000 people.
 * 2025: 34 provinces and 3,321 communes directly under them (no districts), ~200,000 people.
 * small: 3 provinces, for a quick check of the script itself.
 */
import 'reflect-metadata';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../config/typeorm';
import { personName } from '../../fixtures/directory/names';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AuditService } from '../../src/audit/audit.service';
import { SYSTEM_ACTOR } from '../../src/identity/principal';
import { SystemClock } from '../../src/common/clock';
import { CompositionRule } from '../../src/composition/composition-rule.entity';
import { CompositionService } from '../../src/composition/composition.service';
import { ConferenceAccess } from '../../src/conferences/conference-access.service';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migrate';
import { csvLine } from '../../src/directory/csv-writer';
import { DirectoryExportService } from '../../src/directory/directory-export.service';
import { HoldersService } from '../../src/directory/holders.service';
import { ImportReport } from '../../src/directory/import-report';
import { PeopleImportService } from '../../src/directory/people-import.service';
import { PERSON_CSV_COLUMNS } from '../../src/directory/person-rows';
import { UNIT_CSV_COLUMNS } from '../../src/directory/unit-rows';
import { UnitsImportService } from '../../src/directory/units-import.service';
import { freePort } from '../support/free-port';

interface Size {
  provinces: number;
  departments: number;
  verticalAgencies: number;
  /** Districts in all; 0 for the two-level government since July 2025. */
  districts: number;
  communes: number;
  people: number;
}

const SIZES: Record<string, Size> = {
  pre2025: { provinces: 63, departments: 20, verticalAgencies: 5, districts: 705, communes: 10_599, people: 200_000 },
  '2025': { provinces: 34, departments: 14, verticalAgencies: 5, districts: 0, communes: 3_321, people: 200_000 },
  small: { provinces: 3, departments: 5, verticalAgencies: 2, districts: 12, communes: 60, people: 3_000 },
};

const say = (name: string, value: string | number, unit = '') =>
  process.stdout.write(`${name}: ${value}${unit ? ` ${unit}` : ''}\n`);
const seconds = (from: bigint) => (Number(process.hrtime.bigint() - from) / 1e9).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** Units with their people: who holds what, spread so that the total reaches `size.people`. */
function generate(size: Size): { units: Buffer; people: Buffer; provinceCodes: string[] } {
  const units: string[] = [csvLine([...UNIT_CSV_COLUMNS], ',')];
  const people: string[] = [csvLine([...PERSON_CSV_COLUMNS], ',')];
  const unit = (code: string, name: string, kind: string, parent: string | null) =>
    units.push(csvLine([code, name, null, kind, parent, true], ','));
  const staffed: [string, string][] = [];
  const provinceCodes: string[] = [];
  const spread = (total: number, parts: number, i: number) =>
    Math.floor((total * (i + 1)) / parts) - Math.floor((total * i) / parts);

  for (let p = 0; p < size.provinces; p += 1) {
    const province = `P${String(p + 1).padStart(2, '0')}`;
    provinceCodes.push(province);
    unit(province, `Ủy ban nhân dân tỉnh Số ${p + 1}`, 'provincial_committee', null);
    staffed.push([province, 'provincial_committee']);
    for (let d = 0; d < size.departments; d += 1) {
      unit(`${province}.S${d + 1}`, `Sở Chuyên ngành ${d + 1} tỉnh Số ${p + 1}`, 'department', province);
      staffed.push([`${province}.S${d + 1}`, 'department']);
    }
    for (let v = 0; v < size.verticalAgencies; v += 1) {
      unit(`${province}.V${v + 1}`, `Cơ quan ngành dọc ${v + 1} tỉnh Số ${p + 1}`, 'vertical_agency', province);
      staffed.push([`${province}.V${v + 1}`, 'vertical_agency']);
    }
    const districts = spread(size.districts, size.provinces, p);
    const communes = spread(size.communes, size.provinces, p);
    const parents = districts === 0 ? [province] : Array.from({ length: districts }, (_, d) => `${province}.D${d + 1}`);
    parents.forEach((parent, d) => {
      if (parent !== province) {
        unit(parent, `Ủy ban nhân dân huyện Số ${d + 1} tỉnh Số ${p + 1}`, 'district_committee', province);
        staffed.push([parent, 'district_committee']);
      }
      for (let c = 0; c < spread(communes, parents.length, d); c += 1) {
        const code = `${parent}.X${c + 1}`;
        unit(code, `Ủy ban nhân dân xã Số ${c + 1} ${parent}`, 'commune_committee', parent);
        staffed.push([code, 'commune_committee']);
      }
    });
  }

  // Leaders in every unit first, then specialists until the people count is reached.
  const leaders = ['head', 'deputy_head', 'chief_of_office'];
  let n = 0;
  const person = (code: string, role: string, title: string) => {
    n += 1;
    const email = `p${n}@bench.gov.vn`;
    people.push(
      csvLine([email, personName(email), `0235.${String(n).padStart(7, '0')}`, 'vi', code, role, title, true], ','),
    );
    return email;
  };
  for (const role of leaders) for (const [code] of staffed) if (n < size.people) person(code, role, role);
  for (let i = 0; n < size.people; i += 1) {
    const [code] = staffed[i % staffed.length];
    person(code, 'specialist', 'Chuyên viên');
  }
  sampleRss();
  return { units: Buffer.from(units.join('')), people: Buffer.from(people.join('')), provinceCodes };
}

async function timeQuery(label: string, run: () => Promise<unknown[]>): Promise<void> {
  await run(); // warm the cache, as a live server would be
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i += 1) {
    const started = process.hrtime.bigint();
    rows = (await run()).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  say(`${label} (median of 5, ${rows} rows)`, times[2].toFixed(1), 'ms');
}

/**
 * A national host point written as composition rules (commune chairmen, department heads and chiefs of
 * office, district chairmen nation-wide, everyone within one province), resolved through the service.
 */
async function timeComposition(dataSource: DataSource, provinceId: string): Promise<void> {
  const [conference] = await dataSource.query(
    `INSERT INTO conference (title, kind, format, calendar_uid) VALUES ('Hội nghị toàn quốc', 'conference', 'online', 'bench@convene') RETURNING id`,
  );
  const [point] = await dataSource.query(
    `INSERT INTO bridge_point (conference_id, role, depth, name) VALUES ($1, 'host', 0, 'Điểm cầu Trung ương') RETURNING id`,
    [conference.id],
  );
  const rule = (
    position: number,
    label: string,
    kinds: string[] | null,
    roles: string[] | null,
    within: string | null = null,
  ) =>
    dataSource.query(
      `INSERT INTO composition_rule (conference_id, site_kind, bridge_point_id, position, label, unit_kinds, roles, within_unit_id) VALUES ($1, 'bridge_point', $2, $3, $4, $5, $6, $7)`,
      [conference.id, point.id, position, label, kinds, roles, within],
    );
  await rule(1, 'Chủ tịch UBND các xã', ['commune_committee'], ['head']);
  await rule(2, 'Thủ trưởng và Chánh Văn phòng các Sở', ['department'], ['head', 'chief_of_office']);
  await rule(3, 'Chủ tịch UBND các huyện', ['district_committee'], ['head']);
  await rule(4, 'Toàn bộ cán bộ một tỉnh', null, null, provinceId);
  const composition = new CompositionService(dataSource, new ConferenceAccess(dataSource));
  const site = { kind: 'bridge_point' as const, id: point.id };
  const resolved = await composition.resolveSite(dataSource.manager, conference.id, site);
  say(
    'composition: invitees / gaps of the national host point',
    `${resolved.invitees.length} / ${resolved.gaps.length}`,
  );
  await timeQuery(
    'composition: resolve a site of 4 rules (commune chairmen nation-wide, all departments, all districts, one whole province)',
    async () => (await composition.resolveSite(dataSource.manager, conference.id, site)).invitees,
  );
  const [single] = await dataSource.query(
    `INSERT INTO bridge_point (conference_id, role, depth, name) VALUES ($1, 'remote', 0, 'Điểm cầu một quy tắc') RETURNING id`,
    [conference.id],
  );
  await dataSource.query(
    `INSERT INTO composition_rule (conference_id, site_kind, bridge_point_id, position, label, unit_kinds, roles) VALUES ($1, 'bridge_point', $2, 1, 'Chủ tịch UBND các xã', '{commune_committee}', '{head}')`,
    [conference.id, single.id],
  );
  await timeQuery(
    'composition: resolve one rule (commune chairmen nation-wide)',
    async () =>
      (await composition.resolveSite(dataSource.manager, conference.id, { kind: 'bridge_point', id: single.id }))
        .invitees,
  );
}

const counts = (r: ImportReport) =>
  `${r.rows.total} rows: ${r.rows.created} created, ${r.rows.updated} updated, ${r.rows.unchanged} unchanged, ${r.rows.rejected} rejected`;

async function main(): Promise<void> {
  const sizeName = process.argv.includes('--size') ? process.argv[process.argv.indexOf('--size') + 1] : 'pre2025';
  const size = SIZES[sizeName];
  if (!size) throw new Error(`unknown --size ${sizeName}; use ${Object.keys(SIZES).join(', ')}`);
  const timer = setInterval(sampleRss, 50);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-bench-directory-'));
  // As root, PostgreSQL runs as "postgres", who must be able to enter the folder.
  await fs.chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), persistent: false });
  let dataSource: DataSource | undefined;
  try {
    const admin = new Client({ connectionString: pg.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = pg.adminUrl.replace(/\/postgres$/, '/bench');
    await runMigrations(url);
    dataSource = await new DataSource({
      ...typeormOptions(url, 4),
      entities: [AuditEntry, CompositionRule],
    }).initialize();
    const clock = new SystemClock();
    const audit = new AuditService(dataSource, clock);
    const unitsImport = new UnitsImportService(dataSource, audit, clock);
    const peopleImport = new PeopleImportService(dataSource, audit, clock);
    const holders = new HoldersService(dataSource);

    say('size', sizeName);
    let started = process.hrtime.bigint();
    const files = generate(size);
    say('generate CSV', seconds(started), 's');
    say('units CSV', mb(files.units.length), 'MB');
    say('people CSV', mb(files.people.length), 'MB');

    started = process.hrtime.bigint();
    const unitsReport = await unitsImport.importCsv(SYSTEM_ACTOR, files.units, { dryRun: false, partial: false });
    say('import units', seconds(started), 's');
    say('units import report', counts(unitsReport));
    started = process.hrtime.bigint();
    const peopleReport = await peopleImport.importCsv(SYSTEM_ACTOR, files.people, {
      dryRun: false,
      partial: false,
      replacePositions: false,
    });
    say('import people', seconds(started), 's');
    say('people import report', counts(peopleReport));

    started = process.hrtime.bigint();
    const again = await peopleImport.importCsv(SYSTEM_ACTOR, files.people, {
      dryRun: false,
      partial: false,
      replacePositions: true,
    });
    say('import people again, replacePositions=true (nothing changes)', seconds(started), 's');
    say('second import report', counts(again));
    sampleRss();
    say('peak RSS', mb(peakRss), 'MB');

    await dataSource.query('ANALYZE');
    const [province] = await dataSource.query('SELECT id FROM unit WHERE external_code = $1', [
      files.provinceCodes[Math.floor(files.provinceCodes.length / 2)],
    ]);
    await timeQuery('query: heads of communes under one province', () =>
      holders.find({ roles: ['head'], unitKinds: ['commune_committee'], withinUnitId: province.id }),
    );
    await timeQuery('query: heads of departments of one province (children)', () =>
      holders.find({ roles: ['head'], unitKinds: ['department'], childrenOf: province.id }),
    );
    await timeQuery('query: heads of communes nation-wide', () =>
      holders.find({ roles: ['head'], unitKinds: ['commune_committee'] }),
    );
    await timeQuery('query: heads and chiefs of office of all departments nation-wide', () =>
      holders.find({ roles: ['head', 'chief_of_office'], unitKinds: ['department'] }),
    );

    await timeComposition(dataSource, province.id);

    started = process.hrtime.bigint();
    let bytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((bytes += chunk.length), done()) });
    await new DirectoryExportService(dataSource).exportPeople(sink, { delimiter: ',', activeOnly: false });
    say('export people', seconds(started), 's');
    say('people export size', mb(bytes), 'MB');
    sampleRss();
    say('peak RSS (with export)', mb(peakRss), 'MB');
  } finally {
    clearInterval(timer);
    await dataSource?.destroy();
    await pg.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  const report = (error as { getResponse?: () => { report?: ImportReport } }).getResponse?.().report;
  if (report) process.stderr.write(`import rejected: ${JSON.stringify(report.rejected.slice(0, 5))}\n`);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
