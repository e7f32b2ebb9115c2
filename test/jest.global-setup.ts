import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrate';
import { freePort } from './support/free-port';
import { spawnBuildDir } from './support/spawn';

export const TEMPLATE_DATABASE = 'convene_template';

/**
 * One PostgreSQL for the whole run, with a migrated template database; every test file clones
 * the template into a database of its own (see support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  const port = await freePort();
  const dataDir = path.join(os.tmpdir(), `convene-test-${process.pid}-${Date.now()}`, 'pg');
  const started = Date.now();
  const pg = await startEmbeddedPostgres({
    dataDir,
    port,
    persistent: false,
    // Durability buys nothing for a database thrown away after the run.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: 400 },
  });
  const admin = new Client({ connectionString: pg.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await runMigrations(pg.adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`));
  process.env.CONVENE_TEST_PG_ADMIN_URL = pg.adminUrl;
  process.env.CONVENE_TEST_RUN = `${process.pid}-${Date.now()}`;
  process.env.CONVENE_TEST_TMP = path.dirname(dataDir);
  (globalThis as { __conveneTestPg?: unknown }).__conveneTestPg = pg;
  buildForSpawnedProcesses();
  process.stdout.write(
    `\nEmbedded PostgreSQL for tests on port ${port}, template migrated in ${Date.now() - started} ms\n`,
  );
}

/**
 * Tests that start Convene as a separate process (start-up, several instances, kill -9) run this
 * build. tsc emits even when it finds type errors; those are reported by `npm test`'s type check,
 * so here only a missing entry point is fatal.
 */
function buildForSpawnedProcesses(): void {
  // For quick runs of specs that spawn nothing (`CONVENE_TEST_NO_SPAWN_BUILD=1 npx jest test/x`).
  if (process.env.CONVENE_TEST_NO_SPAWN_BUILD === '1') return;
  const root = path.join(__dirname, '..');
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', spawnBuildDir()],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
  } catch (error) {
    if (!existsSync(path.join(spawnBuildDir(), 'src', 'main.js'))) throw error;
  }
}
