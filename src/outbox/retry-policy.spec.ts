import { mayRetry, retryDelayMs } from './retry-policy';

describe(retryDelayMs.name, () => {
  const policy = { baseMs: 60_000, maxMs: 3_600_000 };

  it('doubles with each attempt, between half and all of the exponential step', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 0))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 1))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(retryDelayMs(7, policy, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(100, policy, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(100, policy, () => 0)).toBe(1_800_000);
  });

  it('spreads messages that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, policy)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(120_000);
  });
});

describe(mayRetry.name, () => {
  it('allows attempts up to the limit', () => {
    expect(mayRetry(1, { maxAttempts: 3 })).toBe(true);
    expect(mayRetry(2, { maxAttempts: 3 })).toBe(true);
    expect(mayRetry(3, { maxAttempts: 3 })).toBe(false);
  });
});
