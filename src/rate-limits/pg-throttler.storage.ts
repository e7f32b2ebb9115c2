import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';

/** Rows whose window ended this long ago are removed now and then. */
const SWEEP_EVERY = 500;

/**
 * Fixed-window counters in PostgreSQL, so that every instance shares one budget per caller (the
 * throttler's default storage is per process). One statement per counted request.
 */
export class PgThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(private readonly dataSource: DataSource) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const [row] = await queryRows<{ hits: number; ttl_ms: number; blocked_ms: number }>(
      this.dataSource,
      `INSERT INTO rate_limit_bucket AS b (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4 / 1000.0) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END,
         window_ends_at = CASE WHEN b.window_ends_at <= now() THEN now() + make_interval(secs => $2 / 1000.0) ELSE b.window_ends_at END,
         blocked_until = CASE
           WHEN b.blocked_until > now() THEN b.blocked_until
           WHEN (CASE WHEN b.window_ends_at <= now() THEN 1 ELSE b.hits + 1 END) > $3 THEN now() + make_interval(secs => $4 / 1000.0)
         END
       RETURNING hits,
         greatest(0, extract(epoch FROM window_ends_at - now()) * 1000)::float8 AS ttl_ms,
         coalesce(greatest(0, extract(epoch FROM blocked_until - now()) * 1000), 0)::float8 AS blocked_ms`,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration],
    );
    if (++this.calls % SWEEP_EVERY === 0) void this.sweep();
    return {
      totalHits: row.hits,
      timeToExpire: Math.ceil(row.ttl_ms / 1000),
      isBlocked: row.blocked_ms > 0,
      timeToBlockExpire: Math.ceil(row.blocked_ms / 1000),
    };
  }

  private async sweep(): Promise<void> {
    await this.dataSource
      .query(
        `DELETE FROM rate_limit_bucket WHERE window_ends_at < now() - interval '1 hour' AND (blocked_until IS NULL OR blocked_until < now())`,
      )
      .catch(() => undefined);
  }
}
