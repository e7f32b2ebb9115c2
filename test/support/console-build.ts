import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
export const CONSOLE_SOURCE = path.join(ROOT, 'src', 'console');
export const CONSOLE_BUILD = path.join(ROOT, 'dist', 'console');

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const LOCK = path.join(ROOT, 'dist', '.console-build.lock');
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 5 * 60_000;

function isFresh(): boolean {
  const index = path.join(CONSOLE_BUILD, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestIn(CONSOLE_SOURCE);
}

/** Two browser specs start in parallel workers: the first builds, the other waits and finds it fresh. */
function takeLock(): boolean {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return true;
    } catch {
      if (isFresh()) return false;
      const held = statSync(LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
}

/**
 * The console as `npm run build` makes it (dist/console, which the app serves), rebuilt only when
 * a source is newer than the build, so that repeated runs stay fast.
 */
export function ensureConsoleBuilt(): void {
  if (isFresh() || !takeLock()) return;
  try {
    if (isFresh()) return;
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        path.join(CONSOLE_SOURCE, 'vite.config.mjs'),
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
