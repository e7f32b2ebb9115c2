import * as nodemailer from 'nodemailer';
import { createTestApp, TestApp } from './support/app';
import { dispatcher, enqueue, outboxRows, plainMessages, slidingWindowLimit } from './support/outbox';
import { SmtpSink } from './support/smtp-sink';

/** A relay that takes 30 messages a minute, like an Exchange Online mailbox, and answers 451 4.7.0 beyond. */
const relayLimit = () =>
  slidingWindowLimit(30, 60_000, { code: 451, message: '4.7.0 Message rate limit exceeded, try again later' });

describe('Outbox: the rate limit', () => {
  it('is really enforced by the test relay: a bare pool sending 31 at once gets 451 for the 31st', async () => {
    const sink = await SmtpSink.start({ onData: relayLimit() });
    const transport = nodemailer.createTransport({
      url: sink.url,
      pool: true,
      maxConnections: 2,
      ignoreTLS: true,
    } as nodemailer.TransportOptions);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 31 }, (_, i) =>
          transport.sendMail({ from: 'a@convene.test', to: `r${i}@convene.test`, subject: 's', text: 't' }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
      expect(sink.refusals).toEqual([
        { code: 451, message: '4.7.0 Message rate limit exceeded, try again later', stage: 'data' },
      ]);
    } finally {
      transport.close();
      await sink.stop();
    }
  });

  describe('with OUTBOX_RATE_PER_MINUTE=30 and two instances on one database', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      const env = { OUTBOX_RATE_PER_MINUTE: '30' };
      first = await createTestApp({ env });
      second = await createTestApp({ env, database: first.db, sink: first.sink });
    });
    afterAll(async () => {
      await second.close();
      await first.close();
    });

    it('never draws a 451 from a relay that allows 30 a minute, and everything arrives', async () => {
      const sink = first.sink;
      sink.behaviour.onData = relayLimit();
      const count = 33;
      await enqueue(first, plainMessages('rate', count));
      const started = Date.now();
      const [a, b] = await Promise.all([dispatcher(first).drain(), dispatcher(second).drain()]);
      expect(sink.refusals).toEqual([]);
      expect(sink.messages).toHaveLength(count);
      expect([...sink.messageIdCounts().values()]).toEqual(Array(count).fill(1));
      expect(a.sent + b.sent).toBe(count);
      // Both instances sent, from one shared budget: one message every 2 s after the first.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
      const times = sink.messages.map((m) => m.receivedAt.getTime()).sort((x, y) => x - y);
      expect(times[count - 1] - times[0]).toBeGreaterThanOrEqual((count - 1) * 2000 - 500);
      expect(Date.now() - started).toBeLessThan((count - 1) * 2000 + 15_000);
      const rows = await outboxRows(first.dataSource);
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(count).fill(['sent', 1]));
    }, 120_000);
  });
});
