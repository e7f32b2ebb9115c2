import * as fs from 'node:fs/promises';
import type { EmbeddedPostgres } from '../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as { __conveneTestPg?: EmbeddedPostgres }).__conveneTestPg;
  await pg?.stop();
  const tmp = process.env.CONVENE_TEST_TMP;
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
}
