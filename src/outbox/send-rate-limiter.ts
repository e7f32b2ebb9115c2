import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { queryRows } from '../common/sql';

const BUCKET = 'smtp';
/** Waiting a little past the instant a token is due keeps clock jitter on the safe side. */
const WAIT_SLACK_MS = 20;

export interface TokenGrant {
  granted: number;
  /** When nothing was granted: how long until the next token. */
  waitMs: number;
}

/**
 * OUTBOX_RATE_PER_MINUTE as a token bucket in PostgreSQL (one row, updated atomically), so all
 * instances share one budget. It refills continuously at rate/60 tokens a second and holds at most
 * one second's worth (at least one token): a relay that counts "N a minute" over any sliding
 * minute then never sees more than N (+ one second's worth at high rates). It runs on the
 * database's real clock, even under a test's fake clock: the relay's limit is in real time.
 */
@Injectable()
export class SendRateLimiter {
  private readonly perSecond: number;
  private readonly capacity: number;
  private ready?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perSecond = config.outbox.ratePerMinute / 60;
    this.capacity = Math.max(1, Math.floor(this.perSecond));
  }

  get limited(): boolean {
    return this.perSecond > 0;
  }

  /** Up to `wanted` tokens, taken now. */
  async take(wanted: number): Promise<TokenGrant> {
    if (!this.limited) return { granted: wanted, waitMs: 0 };
    await (this.ready ??= this.ensureBucket().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    }));
    const [row] = await queryRows<{ granted: number; remaining: number }>(
      this.dataSource,
      `WITH current AS (
         SELECT least($2::float8, tokens + greatest(0, extract(epoch FROM clock_timestamp() - refilled_at)) * $3::float8) AS available
         FROM outbox_rate_bucket WHERE name = $1 FOR UPDATE
       ), grant_ AS (SELECT available, least($4::int, floor(available)::int) AS granted FROM current)
       UPDATE outbox_rate_bucket b SET tokens = g.available - g.granted, refilled_at = clock_timestamp()
       FROM grant_ g WHERE b.name = $1
       RETURNING g.granted, (g.available - g.granted)::float8 AS remaining`,
      [BUCKET, this.capacity, this.perSecond, wanted],
    );
    const granted = row?.granted ?? 0;
    const remaining = row?.remaining ?? 0;
    const waitMs = granted > 0 ? 0 : Math.ceil(((1 - remaining) / this.perSecond) * 1000) + WAIT_SLACK_MS;
    return { granted, waitMs };
  }

  /** Tokens taken for messages that were not sent after all. */
  async giveBack(count: number): Promise<void> {
    if (!this.limited || count <= 0) return;
    await this.dataSource.query(
      `UPDATE outbox_rate_bucket SET tokens = least($2::float8, tokens + $3) WHERE name = $1`,
      [BUCKET, this.capacity, count],
    );
  }

  private async ensureBucket(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO outbox_rate_bucket (name, tokens, refilled_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT (name) DO NOTHING`,
      [BUCKET, this.capacity],
    );
  }
}
