import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import { OutboxService } from '../../src/outbox/outbox.service';
import type { EnqueueResult, NewOutboxMessage, OutboxStatus } from '../../src/outbox/outbox.types';
import { freePort } from './free-port';
import type { SmtpReply, SmtpSink } from './smtp-sink';
import type { TestApp } from './app';

/** `count` plain messages; dedupe keys `<prefix>:<n>`, recipients `<prefix>-<n>@convene.test`. */
export function plainMessages(
  prefix: string,
  count: number,
  extra: Partial<NewOutboxMessage> = {},
): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    dedupeKey: `${prefix}:${i}`,
    kind: 'plain',
    recipientEmail: `${prefix}-${i}@convene.test`,
    recipientName: `Người nhận ${i}`,
    payload: { subject: `Thư ${prefix} ${i}`, text: `Nội dung ${i}` },
    ...extra,
  }));
}

/** Queues messages in a transaction of their own, as a module would inside its command. */
export function enqueue(t: TestApp, messages: NewOutboxMessage[]): Promise<EnqueueResult> {
  const outbox = t.app.get(OutboxService);
  return t.dataSource.transaction((manager) => outbox.enqueue(manager, messages));
}

export const dispatcher = (t: TestApp) => t.app.get(OutboxDispatcher);

export interface OutboxRow {
  id: string;
  dedupe_key: string;
  recipient_email: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  message_id: string | null;
  claimed_by: string | null;
  last_error: string | null;
  last_response: string | null;
  status_reason: string | null;
  sent_at: Date | null;
}

export async function outboxRows(
  db: DataSource | Client,
  where = 'true',
  params: unknown[] = [],
): Promise<OutboxRow[]> {
  const sql = `SELECT * FROM outbox_message WHERE ${where} ORDER BY dedupe_key`;
  if (db instanceof Client) return (await db.query(sql, params)).rows as OutboxRow[];
  return db.query(sql, params);
}

export async function statusCounts(db: DataSource | Client): Promise<Partial<Record<OutboxStatus, number>>> {
  const sql = `SELECT status, count(*)::int AS n FROM outbox_message GROUP BY status`;
  const rows: { status: OutboxStatus; n: number }[] =
    db instanceof Client ? (await db.query(sql)).rows : await db.query(sql);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * A relay's "N messages a minute": above `max` accepted messages in any `windowMs`, the sink
 * answers `reply` (e.g. 451 4.7.0) instead of accepting.
 */
export function slidingWindowLimit(
  max: number,
  windowMs: number,
  reply: SmtpReply,
): (m: { receivedAt: Date }) => SmtpReply | undefined {
  const accepted: number[] = [];
  return ({ receivedAt }) => {
    const now = receivedAt.getTime();
    while (accepted.length > 0 && accepted[0] <= now - windowMs) accepted.shift();
    if (accepted.length >= max) return reply;
    accepted.push(now);
    return undefined;
  };
}

/** Environment of a Convene process that sends this database's outbox to the sink. */
export async function outboxProcessEnv(
  databaseUrl: string,
  sink: SmtpSink,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const port = await freePort();
  return {
    DATABASE_URL: databaseUrl,
    SMTP_URL: sink.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_PASSWORD: 'outbox-test-password',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: 'true',
    MAIL_FROM: 'Convene <convene@convene.test>',
    STORAGE_DIR: path.join(process.env.CONVENE_TEST_TMP ?? os.tmpdir(), `outbox-${port}`, 'files'),
    ...extra,
  };
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
