import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/**
 * The console as `npm run build` makes it (dist/console, which the app serves), rebuilt only when
 * a source is newer than the build, so that repeated runs stay fast.
 */
export function ensureConsoleBuilt(): void {
  const index = path.join(CONSOLE_BUILD, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestIn(CONSOLE_SOURCE)) return;
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
}
