#!/usr/bin/env node
/**
 * `npm run bench`: runs every test/bench/*.bench.ts in turn, each as its own process
 * (`node -r ts-node/register/transpile-only test/bench/<name>.bench.ts …`), and prints its figures.
 * Arguments naming a bench (`outbox`, `outbox.bench.ts`) select which run; every other argument
 * (sizes such as `messages=5000`, `--claim=10000,1000000`) is passed to each bench run:
 *
 *   npm run bench                          # all, default sizes
 *   npm run bench -- outbox messages=5000  # one, with a size
 *   npm run bench -- national [--national] [points=…] [invitees=…]  # a national conference end to end
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const benchDir = path.join(root, 'test', 'bench');
const all = fs.existsSync(benchDir)
  ? fs
      .readdirSync(benchDir)
      .filter((f) => f.endsWith('.bench.ts'))
      .sort()
  : [];
const nameOf = (file) => file.replace(/\.bench\.ts$/, '');

const selected = [];
const passThrough = [];
for (const arg of process.argv.slice(2)) {
  const file = all.find((f) => f === arg || nameOf(f) === arg || `test/bench/${f}` === arg);
  if (file) selected.push(file);
  else passThrough.push(arg);
}
const runs = selected.length > 0 ? selected : all;
if (runs.length === 0) {
  process.stderr.write('No benchmarks found in test/bench/ (files named *.bench.ts).\n');
  process.exit(1);
}

const failed = [];
for (const file of runs) {
  process.stdout.write(`\n=== ${nameOf(file)} ${passThrough.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join('test', 'bench', file), ...passThrough],
    {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) failed.push(nameOf(file));
  process.stdout.write(
    `=== ${nameOf(file)}: ${run.status === 0 ? 'done' : `failed (exit ${run.status ?? run.signal})`} in ${seconds} s\n`,
  );
}

if (failed.length > 0) {
  process.stdout.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
