/**
 * `profile` for the national bench: counts and times every SQL statement the app sends, grouped by
 * its first words, so a slow phase shows which statement (and how many of them) it spends its time
 * on. Wraps TypeORM's PostgreSQL query runner; off unless asked for, as it costs a little per query.
 */
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

interface Entry {
  count: number;
  ms: number;
}

const entries = new Map<string, Entry>();

export function startProfile(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this` below
  const original = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = async function profiled(
    this: PostgresQueryRunner,
    ...args: Parameters<typeof original>
  ) {
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      const key = args[0].replace(/\s+/g, ' ').trim().slice(0, 110);
      const entry = entries.get(key) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started;
      entries.set(key, entry);
    }
  } as typeof original;
}

/** Prints the statements that took most time since the last report, then starts counting afresh. */
export function reportProfile(label: string, top = 8): void {
  const rows = [...entries.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  const total = [...entries.values()].reduce((sum, e) => ({ count: sum.count + e.count, ms: sum.ms + e.ms }), {
    count: 0,
    ms: 0,
  });
  process.stdout.write(
    `profile ${label}: ${total.count} statements, ${(total.ms / 1000).toFixed(2)} s in the database\n`,
  );
  for (const [sql, e] of rows)
    process.stdout.write(`  ${e.count} × ${(e.ms / e.count).toFixed(2)} ms = ${(e.ms / 1000).toFixed(2)} s  ${sql}\n`);
  entries.clear();
}
