import { DataSource } from 'typeorm';
import { typeormOptions } from '../../config/typeorm';

/** Any constant works; it only has to be the same in every instance. */
const MIGRATION_LOCK = 7_318_001;

/**
 * Applies pending migrations. Several instances may start at once: an advisory lock lets one
 * migrate while the others wait, then find nothing to do.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...typeormOptions(url, 2), migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/** Reverts every applied migration, newest first (used to prove each one has a working down()). */
export async function revertAllMigrations(url: string): Promise<number> {
  const dataSource = new DataSource(typeormOptions(url, 2));
  await dataSource.initialize();
  try {
    const [{ count }]: { count: number }[] = await dataSource.query('SELECT count(*)::int AS count FROM migrations');
    for (let i = 0; i < count; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    return count;
  } finally {
    await dataSource.destroy();
  }
}
