import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './support/database';
import { outboxProcessEnv, outboxRows, statusCounts, waitUntil } from './support/outbox';
import { SmtpSink } from './support/smtp-sink';
import { ConveneProcess, spawnConvene } from './support/spawn';

/**
 * Guarantees that need Convene as separate processes on one database: several instances, a
 * SIGKILL in the middle of a batch, a server slower than the lease. Messages are queued the way a
 * large fan-out would: one INSERT … SELECT naming only the domain columns.
 */
describe('Outbox: several processes, crashes and slow servers', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let pg: Client;
  const running: ConveneProcess[] = [];

  beforeEach(async () => {
    db = await createTestDatabase();
    sink = await SmtpSink.start();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterEach(async () => {
    for (const p of running.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await p.exited();
    }
    await pg.end();
    await sink.stop();
    await db.drop();
  });

  async function start(count: number, env: Record<string, string>): Promise<ConveneProcess[]> {
    const started = await Promise.all(
      Array.from({ length: count }, async () => {
        const p = spawnConvene(await outboxProcessEnv(db.url, sink, env));
        running.push(p);
        return p;
      }),
    );
    await Promise.all(started.map((p) => p.waitFor(/Convene is listening/, 90_000)));
    return started;
  }

  const fanOut = (count: number) =>
    pg.query(
      `INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, payload)
       SELECT 'fanout:' || lpad(n::text, 6, '0'), 'plain', 'delegate-' || n || '@convene.test', 'Đại biểu ' || n,
              jsonb_build_object('subject', 'Giấy mời ' || n, 'text', 'Kính mời đại biểu dự hội nghị.')
       FROM generate_series(1, $1::int) AS n
       ORDER BY 1
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [count],
    );

  const sentCount = async () => (await statusCounts(pg)).sent ?? 0;
  const duplicatesIn = (s: SmtpSink) => [...s.messageIdCounts()].filter(([, n]) => n > 1).map(([id]) => id);
  const report = (line: string) => process.stdout.write(`\n[outbox guarantee] ${line}\n`);

  it('sends each message exactly once with three instances on one database', async () => {
    const instances = await start(3, { OUTBOX_BATCH_SIZE: '25', OUTBOX_POLL_INTERVAL_MS: '100' });
    const count = 1500;
    await fanOut(count);
    await waitUntil(async () => (await sentCount()) === count, 120_000, `${count} messages sent`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.messages).toHaveLength(count);
    expect(duplicatesIn(sink)).toEqual([]);
    const rows = await outboxRows(pg);
    expect(new Set(sink.messages.map((m) => m.parsed.messageId))).toEqual(new Set(rows.map((r) => r.message_id)));
    const senders = new Set(rows.map((r) => r.claimed_by));
    expect(senders.size).toBe(3);
    report(
      `3 instances, ${count} messages: ${count} received, 0 duplicates; per instance ${[...senders].map((s) => rows.filter((r) => r.claimed_by === s).length).join(' / ')}`,
    );
    for (const p of instances) p.child.kill('SIGTERM');
    for (const p of instances) expect(await p.exited()).toEqual({ code: 0, signal: null });
  }, 180_000);

  // The kill comes right as the sink accepts a message, when other sends are likely mid-reply: a worst case.
  // Every OUTBOX_* setting at its default: the survivor takes over the victim's claims when their lease
  // (8 s, renewed every 2 s while the victim lived) runs out.
  it.each([
    ['a server that delivers every message it received whole', false],
    ['a server that completes only the transactions it could answer (RFC 5321)', true],
  ])(
    'loses nothing when an instance is killed with SIGKILL mid-batch; the other sends its claims within seconds; only sends in flight may repeat (%s)',
    async (server, countOnlyAnswered) => {
      sink.behaviour.countOnlyAnswered = countOnlyAnswered;
      const [victim] = await start(2, {});
      const count = 2000;
      await fanOut(count);
      await sink.waitForMessages(600, 60_000);
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      expect((await victim.exited()).signal).toBe('SIGKILL');
      const atKill = await outboxRows(pg);
      const held = atKill.filter((r) => r.status === 'sending' && r.claimed_by?.includes(`:${victim.child.pid}:`));
      const claimed = new Set(held.map((r) => r.message_id));
      const sentAtKill = atKill.filter((r) => r.status === 'sent').length;
      const receivedAtKill = sink.messages.length;
      expect(sentAtKill).toBeLessThan(count);
      expect(held.length).toBeGreaterThan(0);

      await waitUntil(async () => (await sentCount()) === count, 120_000, `${count} messages sent by the survivor`);
      const rows = await outboxRows(pg);
      const received = sink.messageIdCounts();
      for (const row of rows) expect(received.get(row.message_id!)).toBeGreaterThanOrEqual(1);
      const heldIds = new Set(held.map((r) => r.id));
      const heldSent = rows.filter((r) => heldIds.has(r.id)).map((r) => r.sent_at!.getTime());
      const takeoverMs = Math.max(...heldSent) - killedAt;
      const after = (ms: number) => `${((ms - killedAt) / 1000).toFixed(1)} s`;
      const leaseEnd = Math.max(...held.map((r) => r.next_attempt_at.getTime()));
      const duplicates = duplicatesIn(sink);
      // Only messages claimed at the kill can repeat, and at most OUTBOX_CONCURRENCY (default 2 × pool = 10):
      // a send slot is held until its message is marked sent.
      for (const id of duplicates) expect(claimed.has(id)).toBe(true);
      expect(duplicates.length).toBeLessThanOrEqual(10);
      report(
        `SIGKILL, ${server}: killed after ${receivedAtKill} of ${count} received (${sentAtKill} recorded sent, ${held.length} held by the victim); ` +
          `all ${count} sent by the survivor, the last held one ${(takeoverMs / 1000).toFixed(1)} s after the kill ` +
          `(their leases ended ${after(leaseEnd)} after it, the first went ${after(Math.min(...heldSent))} after it); ${duplicates.length} duplicate(s)`,
      );
      expect(takeoverMs).toBeLessThan(15_000);
    },
    180_000,
  );

  it('sends no duplicate when the server holds its reply beyond the lease', async () => {
    const held = new Set<string>();
    sink.behaviour = {
      countOnlyAnswered: true,
      // The first copy of every message waits 8 s for its reply: longer than the 6 s lease.
      onData: async ({ raw }) => {
        const id = /^Message-ID:\s*(\S+)/im.exec(raw.toString('utf8'))?.[1] ?? '';
        if (held.has(id)) return undefined;
        held.add(id);
        await new Promise((resolve) => setTimeout(resolve, 8000));
        return undefined;
      },
    };
    const env = {
      OUTBOX_LEASE_MS: '6000',
      SMTP_SOCKET_TIMEOUT_MS: '1000',
      OUTBOX_RETRY_BASE_MS: '200',
      OUTBOX_RETRY_MAX_MS: '1000',
      OUTBOX_POLL_INTERVAL_MS: '100',
    };
    await start(2, env);
    const count = 12;
    await fanOut(count);
    await waitUntil(async () => (await sentCount()) === count, 60_000, `${count} messages sent`);
    // Let every held reply come due, so a late acceptance would show.
    await waitUntil(async () => sink.abandoned.length >= count, 20_000, 'the held replies');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.messages).toHaveLength(count);
    expect(duplicatesIn(sink)).toEqual([]);
    const rows = await outboxRows(pg);
    expect(rows.every((r) => r.attempts >= 2)).toBe(true);
    // The held send ends either way before another instance may claim it: by the socket timeout,
    // or — on a machine too loaded for that timer to fire first, or when renewals fail — by the abort
    // before the lease ends.
    const endings = new Set(['ETIMEDOUT: Timeout', 'EABORT: no answer before the lease ended (6000 ms)']);
    expect(rows.filter((r) => !endings.has(r.last_error ?? ''))).toEqual([]);
    report(
      `server holding replies 8 s (lease 6 s, socket timeout 1 s): ${count} received once, ${sink.abandoned.length} abandoned first copies`,
    );
  }, 120_000);
});
