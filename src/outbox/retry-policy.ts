export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failed: exponential (base, 2×base, 4×base…,
 * at most maxMs) with "equal jitter" — a random half of it — so messages that failed together
 * (an outage) do not all come back at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** After a temporary failure of attempt `attempt`: try again, or give up. */
export function mayRetry(attempt: number, policy: Pick<RetryPolicy, 'maxAttempts'>): boolean {
  return attempt < policy.maxAttempts;
}
