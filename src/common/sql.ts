import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs raw SQL and answers its rows. TypeORM's postgres driver answers `[rows, rowCount]` for
 * UPDATE/DELETE … RETURNING but bare rows for SELECT/INSERT; this hides the difference.
 */
export async function queryRows<T = Record<string, unknown>>(
  runner: DataSource | EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
