import type { DataSource } from 'typeorm';

/**
 * Columns a refused request may legitimately change: use and failure counters (a wrong password
 * counts towards the lock-out; resolving a link records its use) and rate-limit buckets.
 */
const VOLATILE: Record<string, string[] | 'all'> = {
  app_user: ['failed_logins', 'locked_until', 'updated_at'],
  api_token: ['last_used_at'],
  secret_link: ['first_used_at', 'last_used_at'],
  rate_limit_bucket: 'all',
  outbox_rate_bucket: 'all',
  migrations: 'all',
};

/**
 * A fingerprint of every row of every table: one md5 per table over its rows as JSON (order-free),
 * all in one statement. Two equal fingerprints mean nothing was written in between, apart from
 * the volatile columns above.
 */
export async function databaseFingerprint(db: DataSource): Promise<Record<string, string>> {
  const tables: { name: string }[] = await db.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const parts = tables
    .filter((t) => VOLATILE[t.name] !== 'all')
    .map((t) => {
      const minus = ((VOLATILE[t.name] as string[] | undefined) ?? []).map((c) => ` - '${c}'`).join('');
      const row = `md5((to_jsonb(x)${minus})::text)`;
      return `SELECT '${t.name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '' ORDER BY ${row})), '') AS sum FROM "${t.name}" x`;
    });
  const rows: { name: string; sum: string }[] = await db.query(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}
