import { ConfigError, loadConfig } from '../../config/app-config';

describe('outbox configuration', () => {
  it('has defaults that need nothing set', () => {
    expect(loadConfig({}).outbox).toEqual({
      batchSize: 100,
      concurrency: 10,
      pollIntervalMs: 1000,
      leaseMs: 8000,
      maxAttempts: 10,
      retryBaseMs: 60_000,
      retryMaxMs: 3_600_000,
      ratePerMinute: 0,
      shutdownGraceMs: 10_000,
    });
  });

  it('keeps twice the SMTP pool in flight unless told otherwise', () => {
    expect(loadConfig({ SMTP_POOL_SIZE: '8' }).outbox.concurrency).toBe(16);
    expect(loadConfig({ SMTP_POOL_SIZE: '8', OUTBOX_CONCURRENCY: '3' }).outbox.concurrency).toBe(3);
    expect(loadConfig({ OUTBOX_CONCURRENCY: '' }).outbox.concurrency).toBe(10);
  });

  it('reads a rate limit in messages per minute', () => {
    expect(loadConfig({ OUTBOX_RATE_PER_MINUTE: '30' }).outbox.ratePerMinute).toBe(30);
  });

  it.each([
    ['OUTBOX_BATCH_SIZE', '0', /^Invalid configuration: OUTBOX_BATCH_SIZE must not be less than 1 \(got 0\)$/],
    [
      'OUTBOX_RATE_PER_MINUTE',
      'fast',
      /^Invalid configuration: OUTBOX_RATE_PER_MINUTE must be an integer number \(got "fast"\)$/,
    ],
    ['OUTBOX_MAX_ATTEMPTS', '0', /^Invalid configuration: OUTBOX_MAX_ATTEMPTS must not be less than 1/],
    ['OUTBOX_CONCURRENCY', '1000', /^Invalid configuration: OUTBOX_CONCURRENCY must not be greater than 500/],
  ])('refuses %s=%s with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('takes a short lease whatever the SMTP socket timeout (it is renewed), but not one too short to renew', () => {
    expect(loadConfig({ SMTP_SOCKET_TIMEOUT_MS: '60000', OUTBOX_LEASE_MS: '6000' }).outbox.leaseMs).toBe(6000);
    expect(() => loadConfig({ OUTBOX_LEASE_MS: '4000' })).toThrow(ConfigError);
    expect(() => loadConfig({ OUTBOX_LEASE_MS: '4000' })).toThrow(
      /^Invalid configuration: OUTBOX_LEASE_MS must not be less than 5000 \(got 4000\)$/,
    );
  });

  it('refuses a retry ceiling below the first delay', () => {
    expect(() => loadConfig({ OUTBOX_RETRY_BASE_MS: '5000', OUTBOX_RETRY_MAX_MS: '1000' })).toThrow(
      'Invalid configuration: OUTBOX_RETRY_MAX_MS must be at least OUTBOX_RETRY_BASE_MS = 5000 (got 1000)',
    );
  });
});
