import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * High-entropy secrets (API tokens, secret links): 256 random bits, shown once, stored as SHA-256.
 * A slow hash adds nothing for secrets that cannot be guessed, and SHA-256 lets us look them up.
 */
export function newSecret(prefix: string): { token: string; hash: Buffer } {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

export function hashSecret(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export const API_TOKEN_PREFIX = 'cvt_';
export const LINK_TOKEN_PREFIX = 'cvl_';
