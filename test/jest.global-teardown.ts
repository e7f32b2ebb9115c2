import * as fs from 'node:fs/promises';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { spawnBuildDir } from './support/spawn';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __conveneTestPg?: EmbeddedPostgres }).__conveneTestPg;
  await pg?.stop();
  await fs.rm(spawnBuildDir(), { recursive: true, force: true });
  const tmp = process.env.CONVENE_TEST_TMP;
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}
