import { Client } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';

/** Back-off between attempts: 0.5 s, 1 s, 2 s, 4 s, then every 5 s. */
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Errors a database that is not up yet gives: nothing listening, a name not resolvable yet (a
 * container starting), a reset, a timeout, or PostgreSQL's own "the database system is starting
 * up" (57P03). Anything else (a wrong password, no such database) will not mend by waiting.
 */
const NOT_UP_YET = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P03',
]);

function isNotUpYet(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  if (code && NOT_UP_YET.has(code)) return true;
  return /timeout|terminated unexpectedly/i.test((error as Error)?.message ?? '');
}

/**
 * Connects to `url` until it answers, for at most `waitSeconds`, saying each failed attempt with
 * its cause and the next delay. Rejects with the last error when the time is up or the error is
 * not one that waiting mends. The URL is never logged: it may hold a password.
 */
export async function waitForDatabase(url: string, waitSeconds: number, say: (line: string) => void): Promise<void> {
  const startedAt = Date.now();
  const giveUpAt = startedAt + waitSeconds * 1000;
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt += 1, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      await ping(url);
      if (attempt > 1)
        say(`PostgreSQL is up (after ${attempt} attempts, ${Math.round((Date.now() - startedAt) / 1000)} s).`);
      return;
    } catch (error) {
      const left = giveUpAt - Date.now();
      if (!isNotUpYet(error) || left <= 0) throw error;
      const wait = Math.min(delay, left);
      say(
        `PostgreSQL is not reachable yet (${(error as Error).message}): trying again in ${(wait / 1000).toFixed(1)} s ` +
          `(attempt ${attempt}; DATABASE_WAIT_SECONDS=${waitSeconds}, ${Math.ceil(left / 1000)} s left).`,
      );
      await sleep(wait);
    }
  }
}

async function ping(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An error event after a failed connect must not crash the process; connect() rejects with it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}
