#!/usr/bin/env node
/**
 * `npm test`: the whole suite (unit and end-to-end) under TZ=UTC and again under
 * TZ=Asia/Ho_Chi_Minh, so that nothing can depend on the machine's time zone.
 * Arguments go to jest (`npm test -- test/foundation`). TEST_ZONES=UTC runs one zone.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const zones = (process.env.TEST_ZONES || 'UTC,Asia/Ho_Chi_Minh')
  .split(',')
  .map((z) => z.trim())
  .filter(Boolean);
const jest = require.resolve('jest/bin/jest');
let passed = 0;
let failed = 0;
let exitCode = 0;

for (const zone of zones) {
  process.stdout.write(`\n=== jest under TZ=${zone} ===\n`);
  const summaryFile = path.join(
    require('node:os').tmpdir(),
    `convene-jest-${process.pid}-${zone.replace(/\W/g, '_')}.json`,
  );
  const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${summaryFile}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TZ: zone },
  });
  try {
    const summary = require(summaryFile);
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + (summary.numRuntimeErrorTestSuites || 0);
    require('node:fs').rmSync(summaryFile, { force: true });
  } catch {
    failed += 1;
  }
  if (run.status !== 0) exitCode = run.status || 1;
}

process.stdout.write(`\nTime zones: ${zones.join(', ')}\n${passed} passed, ${failed} failed\n`);
process.exit(exitCode);
