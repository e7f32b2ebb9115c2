import type { INestApplicationContext } from '@nestjs/common';
import { ConferenceDemoLoader } from './conference-demo.loader';
import { DirectoryDemoLoader } from '../directory/directory-demo.loader';

/**
 * DEMO_DATA=true: the Quảng Nam and Cần Thơ directory, then seeds 000 and 001 as real conferences
 * (they look units up by code, so the directory goes first). Every loader is idempotent, so this
 * runs on every start and a second start changes nothing.
 */
export async function loadDemoData(app: INestApplicationContext): Promise<void> {
  await app.get(DirectoryDemoLoader).load();
  await app.get(ConferenceDemoLoader).load();
}
