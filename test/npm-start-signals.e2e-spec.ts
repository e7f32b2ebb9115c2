import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './support/free-port';
import { spawnBuildDir } from './support/spawn';

const root = path.join(__dirname, '..');

/** Every process below `pid` (children, grandchildren…), from /proc. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isInteger(ppid)) continue;
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (p: number) => (parents.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes whose command line names the folder (the embedded PostgreSQL and its workers). */
async function processesUsing(folder: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await fs.readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(folder)) pids.push(Number(entry));
  }
  return pids;
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

/**
 * `npm start` as systemd, a container or CI runs it: the signal goes to the npm process, not to
 * node. The project's own `start` script runs, word for word, through npm and its shell, in a copy
 * of the project whose `dist` is the test run's build and whose `build` is that build already made
 * (a full tsc build per test would take minutes).
 */
describe('stopping `npm start` through npm', () => {
  let project: string;

  beforeAll(async () => {
    project = await fs.mkdtemp(path.join(os.tmpdir(), 'convene-npm-start-'));
    // Run as root, PostgreSQL runs as "postgres", who must traverse the folder.
    await fs.chmod(project, 0o755);
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as {
      name: string;
      scripts: Record<string, string>;
    };
    const scripts = { ...pkg.scripts, prebuild: 'node -e ""', build: 'node -e ""' };
    await fs.writeFile(path.join(project, 'package.json'), JSON.stringify({ name: pkg.name, private: true, scripts }));
    await fs.symlink(spawnBuildDir(), path.join(project, 'dist'));
    await fs.symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  });

  afterAll(async () => {
    await fs.rm(project, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops node and the embedded PostgreSQL within seconds when npm gets %s',
    async (signal) => {
      const port = await freePort();
      const dataDir = path.join(project, '.data', signal);
      const npm: ChildProcess = spawn('npm', ['start'], {
        cwd: project,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? os.tmpdir(),
          TZ: process.env.TZ ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          PG_DATA_DIR: dataDir,
          PG_PORT: String(await freePort()),
          MAIL_CATCHER_PORT: '0',
          DEMO_DATA: 'false',
          ADMIN_PASSWORD: 'npm-start-test-password',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      npm.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
      npm.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
      let npmExited = false;
      const exited = new Promise<void>((resolve) => npm.on('exit', () => ((npmExited = true), resolve())));
      let below: number[] = [];
      try {
        const listening = await eventually(async () => npmExited || output.includes('Convene is listening'), 150_000);
        expect({ listening: listening && !npmExited, output: listening && !npmExited ? '' : output }).toEqual({
          listening: true,
          output: '',
        });
        below = await descendants(npm.pid!);
        expect(below.length).toBeGreaterThan(0);
        expect((await processesUsing(dataDir)).length).toBeGreaterThan(0);

        npm.kill(signal);
        const started = Date.now();
        await exited;
        const gone = await eventually(
          async () => below.every((pid) => !alive(pid)) && (await processesUsing(dataDir)).length === 0,
          10_000,
        );
        expect({ gone, left: below.filter(alive) }).toEqual({ gone: true, left: [] });
        expect(Date.now() - started).toBeLessThan(15_000);
        await expect(portIsFree(port)).resolves.toBe(true);
      } finally {
        // Only what this test started: npm and what was below it when it was signalled.
        for (const pid of [npm.pid!, ...below]) if (alive(pid)) process.kill(pid, 'SIGKILL');
        for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
      }
    },
    200_000,
  );
});
