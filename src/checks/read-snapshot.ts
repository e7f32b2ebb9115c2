import type { DataSource, EntityManager } from 'typeorm';
import { Check, CheckSeverity } from './check.types';

const ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Runs providers on one consistent read-only snapshot; errors first, then warnings, then notes. */
export async function runOnSnapshot(
  dataSource: DataSource,
  providers: ((manager: EntityManager) => Promise<Check[]>)[],
): Promise<Check[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    const found: Check[] = [];
    for (const provider of providers) found.push(...(await provider(runner.manager)));
    await runner.commitTransaction();
    return found.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code));
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

export function countBySeverity(checks: Check[]): Record<CheckSeverity, number> {
  const count = (severity: CheckSeverity) => checks.filter((c) => c.severity === severity).length;
  return { error: count('error'), warning: count('warning'), info: count('info') };
}
