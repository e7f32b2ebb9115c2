import { ExecutionContext, Module } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerOptions } from '@nestjs/throttler';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/principal';
import { PgThrottlerStorage } from './pg-throttler.storage';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RATE_LIMIT_CALLER, RATE_LIMITED_KEY, RateLimitName } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';

const reflector = new Reflector();
const limitOf = (context: ExecutionContext) =>
  reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMITED_KEY, [context.getHandler(), context.getClass()]);

type TrackedRequest = { ip?: string; principal?: Principal };

function throttlerFor(name: RateLimitName, perMinute: number): ThrottlerOptions {
  const by = RATE_LIMIT_CALLER[name];
  return {
    name,
    limit: perMinute,
    ttl: 60_000,
    skipIf: (context) => limitOf(context) !== name,
    // One budget per caller over every endpoint of the limit (the throttler's default key is per
    // handler, which gave each link page, and each upload endpoint, a budget of its own).
    generateKey: (_context, tracker, throttler) => createHash('sha256').update(`${throttler}-${tracker}`).digest('hex'),
    getTracker: (req: TrackedRequest) => {
      const principal = req.principal;
      if (by === 'user' && principal)
        return principal.kind === 'user' ? `user:${principal.userId}` : `link:${principal.linkId}`;
      return `ip:${req.ip ?? 'unknown'}`;
    },
  };
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [getDataSourceToken(), APP_CONFIG],
      useFactory: (dataSource: DataSource, config: AppConfig) => ({
        storage: new PgThrottlerStorage(dataSource),
        throttlers: (Object.keys(RATE_LIMIT_CALLER) as RateLimitName[]).map((name) =>
          throttlerFor(name, config.rateLimits[name]),
        ),
      }),
    }),
  ],
  // Registered after the auth guard (module order), so limits per user see the principal.
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitsModule {}
