import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { randomBytes, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { dueTime } from './due-time';
import { HeldLeases } from './held-leases';
import { mailDomainOf } from './mail-options';
import { OutboxClaims } from './outbox-claims';
import { ClaimedBatch, DispatchReport, emptyReport, OutboxDelivery } from './outbox-delivery';
import { OutboxRenderers } from './outbox-renderers';
import { SendRateLimiter } from './send-rate-limiter';

const INTERVAL_NAME = 'outbox-dispatcher';
/** Batches claimed at once by one instance: the one being sent and the next. */
const BATCHES_AHEAD = 2;
/** After the shutdown grace, how long aborted sends get to record themselves. */
const ABORT_SETTLE_MS = 5000;

type Claim = { batch: ClaimedBatch; waitMs: 0 } | { batch: undefined; waitMs: number };

/**
 * Sends what the outbox holds. With SCHEDULER_ENABLED it ticks every OUTBOX_POLL_INTERVAL_MS and,
 * on each tick, pumps: claims a batch, delivers it while claiming the next, until nothing is due.
 * Without it (tests), call `runOnce()` or `drain()`. Any number of instances may run at once:
 * claims skip each other's locked rows, and the token bucket is shared in PostgreSQL.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Written to claimed_by: which process holds a lease. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger('Outbox');
  private readonly stopping = new AbortController();
  private pumping?: Promise<DispatchReport>;
  private readonly leases: HeldLeases;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly claims: OutboxClaims,
    private readonly delivery: OutboxDelivery,
    private readonly limiter: SendRateLimiter,
    private readonly renderers: OutboxRenderers,
    private readonly scheduler: SchedulerRegistry,
  ) {
    this.leases = new HeldLeases(config.outbox.leaseMs, (rows, leaseMs) =>
      this.claims.renew(rows, dueTime(this.clock), leaseMs),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => this.nudge(), this.config.outbox.pollIntervalMs),
    );
    this.nudge();
  }

  /** Starts a pump now unless one is running (with the scheduler on; e.g. right after queueing a test message). */
  nudge(): void {
    if (!this.config.schedulerEnabled || this.pumping || this.stopping.signal.aborted) return;
    void this.pump();
  }

  /** Claims and delivers one batch; answers an empty report when nothing is due or the rate limit has no token yet. */
  async runOnce(): Promise<DispatchReport> {
    const report = emptyReport();
    const claim = await this.claimBatch();
    if (claim.batch) await this.deliver(claim.batch, report);
    return report;
  }

  /** Sends everything due, then answers what happened. */
  async drain(): Promise<DispatchReport> {
    while (this.pumping) await this.pumping.catch(() => undefined);
    return this.pump();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    this.delivery.stop();
    const pump = this.pumping?.catch(() => undefined);
    if (!pump) return;
    // Unreferenced timers: a finished pump must not keep the process waiting for them.
    const finished = await Promise.race([
      pump.then(() => true),
      sleep(this.config.outbox.shutdownGraceMs, false, { ref: false }),
    ]);
    if (finished) return;
    this.logger.warn('sends still waiting for the server at shutdown: closing their connections');
    this.delivery.abortInFlight();
    await Promise.race([pump, sleep(ABORT_SETTLE_MS, undefined, { ref: false })]);
    this.leases.stop();
  }

  private pump(): Promise<DispatchReport> {
    const run = this.pumpBatches().finally(() => {
      if (this.pumping === run) this.pumping = undefined;
    });
    this.pumping = run;
    return run;
  }

  /**
   * Keeps one batch being sent and the next one claimed and rendered behind it (its rows wait for
   * a free send slot), so the connections never wait for a claim between batches.
   */
  private async pumpBatches(): Promise<DispatchReport> {
    const report = emptyReport();
    const delivering = new Set<Promise<void>>();
    try {
      while (!this.stopping.signal.aborted) {
        if (delivering.size >= BATCHES_AHEAD) {
          await Promise.race(delivering);
          continue;
        }
        const claim = await this.claimBatch();
        if (!claim.batch) {
          if (claim.waitMs > 0) await this.pause(claim.waitMs, delivering);
          // A batch still in delivery may hand rows back; look again once it is done.
          else if (delivering.size > 0) await Promise.race(delivering);
          else break;
          continue;
        }
        const delivered: Promise<void> = this.deliver(claim.batch, report).finally(() => delivering.delete(delivered));
        delivering.add(delivered);
      }
    } catch (error) {
      this.logger.error({ err: error }, 'outbox dispatch stopped early; the next tick continues');
    } finally {
      await Promise.all(delivering);
    }
    if (report.claimed > 0) this.logger.log({ outbox: report, instance: this.instanceId }, 'outbox dispatch');
    return report;
  }

  /** Takes rate tokens first, then claims at most that many rows: a lease never waits for tokens. */
  private async claimBatch(): Promise<Claim> {
    if (this.stopping.signal.aborted) return { batch: undefined, waitMs: 0 };
    const grant = await this.limiter.take(this.config.outbox.batchSize);
    if (grant.granted === 0) return { batch: undefined, waitMs: grant.waitMs };
    const token = randomUUID();
    const startedAt = performance.now();
    const rows = await this.claims
      .claim({
        now: dueTime(this.clock),
        limit: grant.granted,
        leaseMs: this.config.outbox.leaseMs,
        claimedBy: this.instanceId,
        token,
        kinds: this.renderers.kinds(),
        messageIdDomain: mailDomainOf(this.config.mail.from),
      })
      .catch(async (error: unknown) => {
        await this.limiter.giveBack(grant.granted).catch(() => undefined);
        throw error;
      });
    await this.limiter.giveBack(grant.granted - rows.length);
    if (rows.length === 0) return { batch: undefined, waitMs: 0 };
    this.leases.hold(
      rows.map((r) => ({ id: r.id, token })),
      startedAt,
    );
    return { batch: { token, rows, deadline: (id) => this.leases.deadline(id) }, waitMs: 0 };
  }

  private async deliver(batch: ClaimedBatch, report: DispatchReport): Promise<void> {
    report.claimed += batch.rows.length;
    try {
      const unsent = await this.delivery.deliver(batch, report);
      await this.limiter.giveBack(unsent);
    } catch (error) {
      this.logger.error({ err: error }, 'delivering a batch failed; its rows are retried when their lease ends');
    } finally {
      this.leases.drop(batch.rows.map((r) => ({ id: r.id, token: batch.token })));
    }
  }

  /** Waits for the rate limit's next token, or less if a batch in delivery finishes first, or until shutdown. */
  private async pause(ms: number, delivering: Set<Promise<void>>): Promise<void> {
    const wait = sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    await Promise.race([wait, ...delivering]);
  }
}
