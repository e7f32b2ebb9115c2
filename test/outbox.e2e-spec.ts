import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { OutboxClaims } from '../src/outbox/outbox-claims';
import { OutboxRenderers, RenderableMessage, RenderOutcome } from '../src/outbox/outbox-renderers';
import { OutboxService } from '../src/outbox/outbox.service';
import { createTestApp, TestApp } from './support/app';
import { HOUR, MINUTE } from './support/fake-clock';
import { dispatcher, enqueue, outboxRows, plainMessages } from './support/outbox';

describe('Outbox: queueing and dispatching', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.sink.clear();
    t.sink.behaviour = {};
  });

  const rowsOf = (prefix: string) => outboxRows(t.dataSource, `starts_with(dedupe_key, $1)`, [`${prefix}:`]);

  describe('enqueue', () => {
    it('queues each message with computed columns: status, attempts, times and a Message-ID from MAIL_FROM', async () => {
      const result = await enqueue(t, plainMessages('enq', 2));
      expect(result).toMatchObject({ queued: 2, duplicates: 0 });
      const rows = await rowsOf('enq');
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'queued', attempts: 0, message_id: `<${row.id}@convene.test>` });
        expect(row.next_attempt_at).toEqual(t.clock.now());
        expect(result.ids).toContain(row.id);
      }
    });

    it('queues a dedupe key once, whether it is already queued or given twice in one call', async () => {
      await enqueue(t, plainMessages('dup', 3));
      const again = await enqueue(t, [...plainMessages('dup', 5), ...plainMessages('dup', 5)]);
      expect(again).toMatchObject({ queued: 2, duplicates: 8 });
      expect(await rowsOf('dup')).toHaveLength(5);
    });

    it('queues each message once when two fan-outs of the same keys run at the same time', async () => {
      const outbox = t.app.get(OutboxService);
      const messages = plainMessages('race', 300);
      const fanOut = (list: typeof messages, holdMs: number) =>
        t.dataSource.transaction(async (manager) => {
          const result = await outbox.enqueue(manager, list);
          // Keep the transaction open so the other one has to wait on the same keys.
          await new Promise((resolve) => setTimeout(resolve, holdMs));
          return result;
        });
      const [first, second] = await Promise.all([fanOut(messages, 300), fanOut([...messages].reverse(), 0)]);
      expect(first.queued + second.queued).toBe(300);
      expect(first.duplicates + second.duplicates).toBe(300);
      expect(await rowsOf('race')).toHaveLength(300);
    });

    it('refuses a message of an unknown kind or with a bad address, and writes none of the call', async () => {
      await expect(
        enqueue(t, [...plainMessages('bad', 1), { ...plainMessages('bad2', 1)[0], kind: 'nobody.renders' }]),
      ).rejects.toThrow(/no renderer is registered for kind "nobody.renders"/);
      await expect(enqueue(t, plainMessages('bad', 1, { recipientEmail: 'not an address' }))).rejects.toThrow(
        /recipientEmail/,
      );
      await expect(
        enqueue(t, plainMessages('bad', 1, { payload: [] as unknown as Record<string, unknown> })),
      ).rejects.toThrow(/payload/);
      expect(await rowsOf('bad')).toHaveLength(0);
    });

    it('lets a module fan out with INSERT … SELECT naming only the domain columns', async () => {
      await t.dataSource.query(
        `INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, payload)
         SELECT 'bulk:' || n, 'plain', 'bulk-' || n || '@convene.test', 'Đại biểu ' || n,
                jsonb_build_object('subject', 'Giấy mời ' || n, 'text', 'Kính mời')
         FROM generate_series(1, 20) AS n
         ORDER BY 1
         ON CONFLICT (dedupe_key) DO NOTHING`,
      );
      // SQL defaults use the database's clock; bring the test's clock up to it.
      t.clock.set(new Date(Date.now() + MINUTE));
      await dispatcher(t).drain();
      const rows = await rowsOf('bulk');
      expect(rows.map((r) => r.status)).toEqual(Array(20).fill('sent'));
      expect(t.sink.messages.filter((m) => m.to[0].startsWith('bulk-'))).toHaveLength(20);
      for (const row of rows)
        expect(t.sink.to(row.recipient_email)[0].parsed.messageId).toBe(`<${row.id}@convene.test>`);
    });
  });

  describe('dispatch', () => {
    it('sends each message once with its Message-ID and records the server’s answer', async () => {
      const { ids } = await enqueue(t, plainMessages('send', 5));
      const report = await dispatcher(t).drain();
      expect(report).toMatchObject({ claimed: 5, sent: 5, failed: 0 });
      const rows = await rowsOf('send');
      expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      for (const row of rows) {
        expect(row).toMatchObject({ status: 'sent', attempts: 1, sent_at: t.clock.now() });
        expect(row.last_response).toMatch(/^250 /);
        const [mail] = t.sink.to(row.recipient_email);
        expect(mail.parsed.messageId).toBe(row.message_id);
        expect(mail.parsed.subject).toMatch(/^Thư send \d$/);
      }
      expect(t.sink.messages).toHaveLength(5);
      expect((await dispatcher(t).drain()).claimed).toBe(0);
    });

    it('waits for notBefore, judged by the injected clock', async () => {
      await enqueue(t, plainMessages('later', 1, { notBefore: new Date(t.clock.now().getTime() + HOUR) }));
      expect((await dispatcher(t).drain()).claimed).toBe(0);
      t.clock.advance(HOUR);
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 1, sent: 1 });
    });

    it('skips a message whose expiry passed before its turn, with the reason, and sends nothing', async () => {
      const now = t.clock.now().getTime();
      await enqueue(
        t,
        plainMessages('stale', 1, { notBefore: new Date(now + 20 * MINUTE), expiresAt: new Date(now + 10 * MINUTE) }),
      );
      t.clock.advance(30 * MINUTE);
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 1, skipped: 1, sent: 0 });
      const [row] = await rowsOf('stale');
      expect(row).toMatchObject({ status: 'skipped', attempts: 0, status_reason: 'expired before its turn came' });
      expect(t.sink.messages).toHaveLength(0);
    });

    it('renders a batch in one call, and records a renderer’s skip with its reason', async () => {
      const calls: number[] = [];
      t.app.get(OutboxRenderers).register('test.maybe', {
        async render(messages: RenderableMessage[]): Promise<RenderOutcome[]> {
          calls.push(messages.length);
          return messages.map((m) =>
            m.payload.withdrawn
              ? { skip: 'the invitation was withdrawn' }
              : { mail: { subject: `Kính gửi ${m.recipientName}`, text: 'x' } },
          );
        },
      });
      await enqueue(t, [
        ...plainMessages('maybe', 4, { kind: 'test.maybe', payload: { withdrawn: false } }),
        ...plainMessages('maybe-w', 2, { kind: 'test.maybe', payload: { withdrawn: true } }),
      ]);
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 6, sent: 4, skipped: 2 });
      expect(calls).toEqual([6]);
      const withdrawn = await rowsOf('maybe-w');
      expect(withdrawn.map((r) => [r.status, r.status_reason])).toEqual(
        Array(2).fill(['skipped', 'the invitation was withdrawn']),
      );
      expect(t.sink.messages.map((m) => m.parsed.subject).sort()).toEqual([
        'Kính gửi Người nhận 0',
        'Kính gửi Người nhận 1',
        'Kính gửi Người nhận 2',
        'Kính gửi Người nhận 3',
      ]);
    });

    it('retries a batch whose renderer throws, saying so', async () => {
      let broken = true;
      t.app.get(OutboxRenderers).register('test.flaky', {
        async render(messages: RenderableMessage[]): Promise<RenderOutcome[]> {
          if (broken) throw new Error('conference not found');
          return messages.map(() => ({ mail: { subject: 's', text: 't' } }));
        },
      });
      await enqueue(t, plainMessages('flaky', 2, { kind: 'test.flaky' }));
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 2, retrying: 2 });
      expect((await rowsOf('flaky')).map((r) => [r.status, r.last_error])).toEqual(
        Array(2).fill(['retrying', 'rendering failed (test.flaky): conference not found']),
      );
      broken = false;
      t.clock.advance(2 * MINUTE);
      expect(await dispatcher(t).drain()).toMatchObject({ sent: 2 });
    });

    it('fails only the message a server refuses with 550, and sends the rest', async () => {
      t.sink.behaviour.onRcptTo = (address) =>
        address === 'refused-2@convene.test'
          ? { code: 550, message: '5.1.1 <refused-2@convene.test>: Recipient address rejected' }
          : undefined;
      await enqueue(t, plainMessages('refused', 6));
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 6, sent: 5, failed: 1 });
      const rows = await rowsOf('refused');
      const failed = rows.filter((r) => r.status === 'failed');
      expect(failed.map((r) => [r.recipient_email, r.attempts, r.last_error])).toEqual([
        ['refused-2@convene.test', 1, '550 5.1.1 <refused-2@convene.test>: Recipient address rejected'],
      ]);
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(5);
      expect(t.sink.messages).toHaveLength(5);
      t.clock.advance(HOUR);
      expect((await dispatcher(t).drain()).claimed).toBe(0);
    });

    it('rides out a server answering 421 for a while: every message arrives once, after the outage, with its attempts', async () => {
      t.sink.behaviour.onConnect = () => ({
        code: 421,
        message: '4.3.2 Service not available, closing transmission channel',
      });
      t.sink.dropConnections();
      await enqueue(t, plainMessages('outage', 8));
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        expect(await dispatcher(t).drain()).toMatchObject({ claimed: 8, retrying: 8 });
        const rows = await rowsOf('outage');
        expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(['retrying', attempt]));
        expect(rows[0].last_error).toBe('421 4.3.2 Service not available, closing transmission channel');
        // Exponential backoff with jitter: the next attempt is between half and all of base × 2^(attempt-1).
        for (const row of rows) {
          const wait = row.next_attempt_at.getTime() - t.clock.now().getTime();
          expect(wait).toBeGreaterThanOrEqual(30_000 * 2 ** (attempt - 1));
          expect(wait).toBeLessThanOrEqual(60_000 * 2 ** (attempt - 1));
        }
        expect((await dispatcher(t).drain()).claimed).toBe(0);
        t.clock.advance(2 * MINUTE * attempt);
      }
      const messageIds = (await rowsOf('outage')).map((r) => r.message_id);
      t.sink.behaviour.onConnect = undefined;
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 8, sent: 8 });
      const rows = await rowsOf('outage');
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(['sent', 3]));
      expect(t.sink.messages).toHaveLength(8);
      expect([...t.sink.messageIdCounts().values()]).toEqual(Array(8).fill(1));
      expect(rows.map((r) => r.message_id)).toEqual(messageIds);
      expect(new Set(t.sink.messages.map((m) => m.parsed.messageId))).toEqual(new Set(messageIds));
    });

    it('brings the retries of an outage forward once the server accepts again, but not a recipient’s own 4xx', async () => {
      t.sink.behaviour.onConnect = () => ({ code: 421, message: '4.3.2 Service not available' });
      t.sink.dropConnections();
      await enqueue(t, plainMessages('recover', 6));
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 6, retrying: 6 });
      t.sink.behaviour.onConnect = undefined;
      t.sink.behaviour.onRcptTo = (address) =>
        address === 'busy-0@convene.test' ? { code: 450, message: '4.2.1 Mailbox busy, try later' } : undefined;
      await enqueue(t, plainMessages('busy', 1));
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 1, retrying: 1, sent: 0 });
      // Still waiting out their back-off (30–60 s): nothing has succeeded yet.
      expect((await rowsOf('recover')).map((r) => r.status)).toEqual(Array(6).fill('retrying'));

      // One message goes through: the server is back, and the outage's retries go in the same drain.
      await enqueue(t, plainMessages('probe', 1));
      expect(await dispatcher(t).drain()).toMatchObject({ sent: 7, retrying: 0 });
      const recovered = await rowsOf('recover');
      expect(recovered.map((r) => [r.status, r.attempts, r.last_error])).toEqual(
        Array(6).fill(['sent', 2, '421 4.3.2 Service not available']),
      );
      expect(recovered.every((r) => r.sent_at!.getTime() === t.clock.now().getTime())).toBe(true);
      const [busy] = await rowsOf('busy');
      expect(busy).toMatchObject({ status: 'retrying', attempts: 1, last_error: '450 4.2.1 Mailbox busy, try later' });
      expect(busy.next_attempt_at.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(30_000);
      expect([...t.sink.messageIdCounts().values()].every((n) => n === 1)).toBe(true);
      t.sink.behaviour.onRcptTo = undefined;
      t.clock.advance(HOUR);
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 1, sent: 1 });
    });

    it('gives up after OUTBOX_MAX_ATTEMPTS temporary failures, and shows why', async () => {
      t.sink.behaviour.onConnect = () => ({ code: 421, message: '4.7.0 Try again later' });
      t.sink.dropConnections();
      await enqueue(t, plainMessages('hopeless', 1));
      for (let i = 0; i < t.config.outbox.maxAttempts; i += 1) {
        await dispatcher(t).drain();
        t.clock.advance(t.config.outbox.retryMaxMs);
      }
      const [row] = await rowsOf('hopeless');
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 10,
        last_error: 'gave up after 10 attempts: 421 4.7.0 Try again later',
      });
      expect((await dispatcher(t).drain()).claimed).toBe(0);
    });

    it('sends again a message whose holder died, once its lease has run out', async () => {
      await enqueue(t, plainMessages('orphan', 3));
      // Another instance claims them and dies before sending.
      const claimed = await t.app.get(OutboxClaims).claim({
        now: t.clock.now(),
        limit: 10,
        leaseMs: t.config.outbox.leaseMs,
        claimedBy: 'dead-instance',
        token: randomUUID(),
        kinds: ['plain'],
        messageIdDomain: 'convene.test',
      });
      expect(claimed.map((c) => c.dedupeKey).sort()).toEqual(['orphan:0', 'orphan:1', 'orphan:2']);
      expect((await dispatcher(t).drain()).claimed).toBe(0);
      t.clock.advance(t.config.outbox.leaseMs - 1000);
      expect((await dispatcher(t).drain()).claimed).toBe(0);
      t.clock.advance(1000);
      expect(await dispatcher(t).drain()).toMatchObject({ claimed: 3, sent: 3 });
      expect((await rowsOf('orphan')).map((r) => [r.status, r.attempts, r.claimed_by])).toEqual(
        Array(3).fill(['sent', 2, dispatcher(t).instanceId]),
      );
    });
  });

  describe('cancelPending', () => {
    const cancel = (filter: Parameters<OutboxService['cancelPending']>[1], reason?: string) =>
      t.dataSource.transaction((manager) => t.app.get(OutboxService).cancelPending(manager, filter, reason));

    it('cancels the pending messages matching every criterion, and leaves the others', async () => {
      const conferenceA = randomUUID();
      const conferenceB = randomUUID();
      await enqueue(t, [
        ...plainMessages(`reminder:${conferenceA}:p1`, 3, { conferenceId: conferenceA }),
        ...plainMessages(`reminder:${conferenceA}:p2`, 2, { conferenceId: conferenceA }),
        ...plainMessages(`reminder:${conferenceB}:p1`, 2, { conferenceId: conferenceB }),
      ]);
      expect(await cancel({ dedupeKeyPrefix: `reminder:${conferenceA}:p1:` }, 'reminder series replaced')).toBe(3);
      expect(
        await cancel({ conferenceId: conferenceA, recipientEmail: `REMINDER:${conferenceA}:P2-0@convene.test` }),
      ).toBe(1);
      expect(await cancel({ conferenceId: conferenceB, kind: 'test.other' })).toBe(0);
      const state = async (conferenceId: string) =>
        (await outboxRows(t.dataSource, `conference_id = $1`, [conferenceId])).map((r) => [
          r.dedupe_key.split(':').slice(2).join(':'),
          r.status,
          r.status_reason,
        ]);
      expect(await state(conferenceA)).toEqual([
        ['p1:0', 'cancelled', 'reminder series replaced'],
        ['p1:1', 'cancelled', 'reminder series replaced'],
        ['p1:2', 'cancelled', 'reminder series replaced'],
        ['p2:0', 'cancelled', 'cancelled'],
        ['p2:1', 'queued', null],
      ]);
      expect(await state(conferenceB)).toEqual([
        ['p1:0', 'queued', null],
        ['p1:1', 'queued', null],
      ]);
    });

    it('never touches a sent message, nor one whose lease is still running', async () => {
      const conference = randomUUID();
      await enqueue(t, plainMessages('keep', 2, { conferenceId: conference }));
      await dispatcher(t).drain();
      expect(await cancel({ conferenceId: conference })).toBe(0);
      expect((await rowsOf('keep')).map((r) => r.status)).toEqual(['sent', 'sent']);
    });

    it('refuses to run without a criterion', async () => {
      await expect(cancel({})).rejects.toThrow('cancelPending needs at least one criterion');
    });
  });
});

describe('Outbox: leases and slow servers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { OUTBOX_CONCURRENCY: '1', SMTP_POOL_SIZE: '1', OUTBOX_LEASE_MS: '6000', SMTP_SOCKET_TIMEOUT_MS: '1000' },
    });
  });
  afterAll(() => t.close());

  it('renews the lease of a slow batch while it sends: no row waits for a lease to lapse, each is sent once', async () => {
    // 700 ms per message, one at a time: a batch of 8 outlasts the 4 s an unrenewed 6 s lease leaves for sending.
    t.sink.behaviour.onData = () => new Promise((resolve) => setTimeout(() => resolve(undefined), 700));
    await enqueue(t, plainMessages('slow', 8));
    const report = await dispatcher(t).drain();
    expect(report).toMatchObject({ sent: 8, failed: 0, retrying: 0, released: 0, claimed: 8 });
    expect([...t.sink.messageIdCounts().values()]).toEqual(Array(8).fill(1));
    expect((await outboxRows(t.dataSource)).map((r) => [r.status, r.attempts])).toEqual(Array(8).fill(['sent', 1]));
  }, 30_000);
});

describe('Outbox: stopping an instance', () => {
  /** An app whose sink holds each message `holdMs` before answering; `reached` resolves at the first message. */
  async function slowApp(holdMs: number, env: Record<string, string>) {
    let reached!: () => void;
    const firstMessage = new Promise<void>((resolve) => (reached = resolve));
    const t = await createTestApp({ env: { OUTBOX_CONCURRENCY: '1', ...env } });
    t.sink.behaviour = {
      countOnlyAnswered: true,
      onData: async () => {
        reached();
        await new Promise((resolve) => setTimeout(resolve, holdMs).unref());
        return undefined;
      },
    };
    return { t, firstMessage };
  }

  async function closeAndRead(t: TestApp) {
    await t.app.close();
    const client = new Client({ connectionString: t.db.url });
    await client.connect();
    try {
      return await outboxRows(client);
    } finally {
      await client.end();
      await t.sink.stop();
      await t.db.drop();
    }
  }

  it('lets the send in flight finish and puts the claimed rest back in the queue, unattempted', async () => {
    const { t, firstMessage } = await slowApp(500, { OUTBOX_SHUTDOWN_GRACE_MS: '5000' });
    await enqueue(t, plainMessages('stop', 5));
    const draining = dispatcher(t).drain();
    await firstMessage;
    const rows = await closeAndRead(t);
    await expect(draining).resolves.toMatchObject({ claimed: 5, sent: 1, released: 4 });
    expect(rows.map((r) => [r.status, r.attempts, r.claimed_by])).toEqual([
      ['sent', 1, expect.any(String)],
      ...Array(4).fill(['queued', 0, null]),
    ]);
    expect(t.sink.messages).toHaveLength(1);
  });

  it('after the grace, closes the connection of a send still waiting and makes it due again', async () => {
    const { t, firstMessage } = await slowApp(10_000, { OUTBOX_SHUTDOWN_GRACE_MS: '300' });
    await enqueue(t, plainMessages('stuck', 2));
    const draining = dispatcher(t).drain();
    await firstMessage;
    const rows = await closeAndRead(t);
    await expect(draining).resolves.toMatchObject({ claimed: 2, sent: 0, retrying: 1, released: 1 });
    expect(rows.map((r) => [r.status, r.attempts, r.last_error])).toEqual([
      ['retrying', 1, 'EABORT: Convene was stopping'],
      ['queued', 0, null],
    ]);
    expect(rows[0].next_attempt_at).toEqual(t.clock.now());
    expect(t.sink.messages).toHaveLength(0);
  }, 20_000);
});
