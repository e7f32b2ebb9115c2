import { SetMetadata } from '@nestjs/common';

/**
 * Named limits, each a budget per caller per minute (RATE_LIMIT_<NAME>_PER_MINUTE). Only endpoints
 * marked with @RateLimited(name) count against one: logins, token creation, secret-link pages, uploads.
 */
export const RATE_LIMIT_CALLER = {
  login: 'ip',
  tokens: 'user',
  links: 'ip',
  uploads: 'user',
} as const;
export type RateLimitName = keyof typeof RATE_LIMIT_CALLER;

export const RATE_LIMITED_KEY = 'convene:rate-limited';

export const RateLimited = (name: RateLimitName) => SetMetadata(RATE_LIMITED_KEY, name);
