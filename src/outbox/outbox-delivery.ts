import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { MAIL_TRANSPORT, MailTransport } from '../mail/mail-transport';
import { dueTime } from './due-time';
import { toSendMailOptions } from './mail-options';
import { ClaimedMessage, OutboxClaims } from './outbox-claims';
import { OutboxMail, OutboxRenderers, RenderOutcome } from './outbox-renderers';
import { SKIP_REASONS } from './outbox.messages';
import { mayRetry, retryDelayMs } from './retry-policy';
import { Semaphore } from './semaphore';
import { SentMarks } from './sent-marks';
import { classifySendError } from './smtp-outcome';

/** Messages claimed together under one token, with the instant (performance.now()) a row's send must end by. */
export interface ClaimedBatch {
  token: string;
  rows: ClaimedMessage[];
  /** Moves forward while the lease is renewed (HeldLeases). */
  deadline: (id: string) => number;
}

export interface DispatchReport {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Claimed but handed back unsent (shutdown, or too little lease left to start a send). */
  released: number;
}

export const emptyReport = (): DispatchReport => ({
  claimed: 0,
  sent: 0,
  retrying: 0,
  failed: 0,
  skipped: 0,
  released: 0,
});

/** A send is not started with less lease left than this: it could not finish in time. */
const MIN_SEND_WINDOW_MS = 1000;
const SENT_RECORD_RETRIES = [50, 250, 1000];

class LeaseEnded extends Error {}
class ShuttingDown extends Error {}

/**
 * Delivers claimed batches: skips what expired, renders the rest a kind at a time, sends each mail
 * over the pooled transport (at most OUTBOX_CONCURRENCY in flight per instance) and records each
 * outcome as soon as it is known. A send is aborted — its connection closed before the server can
 * answer — when its lease is about to end (renewals failed), so no send can complete after another
 * instance could have claimed the same row.
 */
@Injectable()
export class OutboxDelivery {
  private readonly logger = new Logger('Outbox');
  private readonly slots: Semaphore;
  private readonly inFlight = new Set<AbortController>();
  private readonly sentMarks: SentMarks;
  private stopping = false;
  /**
   * A send failed because the server was unreachable since the last success (or this instance has
   * not sent yet: an outage may predate it). The next success brings those retries forward.
   */
  private outageSeen = true;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly claims: OutboxClaims,
    private readonly renderers: OutboxRenderers,
  ) {
    this.slots = new Semaphore(config.outbox.concurrency);
    this.sentMarks = new SentMarks(claims, clock);
  }

  /** Answers how many of the batch's rows were not handed to the server (their tokens go back). */
  async deliver(batch: ClaimedBatch, report: DispatchReport): Promise<number> {
    const expired = batch.rows.filter((r) => r.expired).map((r) => r.id);
    await this.claims.markSkipped(expired, batch.token, dueTime(this.clock), SKIP_REASONS.expired);
    report.skipped += expired.length;
    const sends: Promise<boolean>[] = [];
    for (const [kind, rows] of groupByKind(batch.rows.filter((r) => !r.expired))) {
      const outcomes = await this.render(kind, rows);
      if (outcomes instanceof Error) {
        await Promise.all(rows.map((row) => this.recordFailure(row, batch.token, outcomes, report)));
        continue;
      }
      for (const [i, outcome] of outcomes.entries()) {
        if ('skip' in outcome) {
          await this.claims.markSkipped([rows[i].id], batch.token, dueTime(this.clock), outcome.skip);
          report.skipped += 1;
        } else {
          sends.push(this.send(rows[i], outcome.mail, batch, report));
        }
      }
    }
    const handedOver = (await Promise.all(sends)).filter(Boolean).length;
    return batch.rows.length - handedOver;
  }

  /** No new sends from now on; claimed rows that have not started go back to the queue. */
  stop(): void {
    this.stopping = true;
  }

  /** Closes the connections of sends still waiting for an answer (end of the shutdown grace). */
  abortInFlight(): void {
    for (const controller of this.inFlight) controller.abort(new ShuttingDown('Convene was stopping'));
  }

  private async render(kind: string, rows: ClaimedMessage[]): Promise<RenderOutcome[] | Error> {
    const renderer = this.renderers.get(kind);
    if (!renderer) return rows.map(() => ({ skip: SKIP_REASONS.noRenderer(kind) }));
    try {
      const context = { now: this.clock.now(), from: this.config.mail.from, publicUrl: this.config.publicUrl };
      const outcomes = await renderer.render(rows, context);
      if (outcomes.length !== rows.length)
        throw new Error(`answered ${outcomes.length} outcomes for ${rows.length} messages`);
      return outcomes;
    } catch (error) {
      this.logger.error({ err: error, kind }, 'renderer failed');
      return new Error(`rendering failed (${kind}): ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /**
   * Answers whether the mail was handed to the server (whatever it answered). The send slot is held
   * until the outcome is recorded: at most OUTBOX_CONCURRENCY messages per instance are ever
   * accepted by the server and not yet marked sent — the most a crash can make repeat.
   */
  private async send(
    row: ClaimedMessage,
    mail: OutboxMail,
    batch: ClaimedBatch,
    report: DispatchReport,
  ): Promise<boolean> {
    await this.slots.acquire();
    try {
      const deadline = () => batch.deadline(row.id);
      if (this.stopping || deadline() - performance.now() < MIN_SEND_WINDOW_MS) {
        await this.claims.release([row.id], batch.token, dueTime(this.clock));
        report.released += 1;
        return false;
      }
      const controller = new AbortController();
      const unwatch = abortAtDeadline(
        controller,
        deadline,
        () => new LeaseEnded(`no answer before the lease ended (${this.config.outbox.leaseMs} ms)`),
      );
      this.inFlight.add(controller);
      let response: string;
      try {
        const options = toSendMailOptions(row, mail, this.config.mail.from);
        const info = await this.transport.sendMail({ ...options, signal: controller.signal });
        response = String(info.response ?? '');
      } catch (error) {
        const reason: unknown = controller.signal.reason;
        await this.recordFailure(
          row,
          batch.token,
          reason instanceof Error ? Object.assign(reason, { code: 'EABORT' }) : error,
          report,
        );
        return true;
      } finally {
        unwatch();
        this.inFlight.delete(controller);
      }
      await this.recordSent(row, batch.token, response);
      report.sent += 1;
      if (this.outageSeen) await this.bringForwardAfterOutage();
      return true;
    } finally {
      this.slots.release();
    }
  }

  /** The server accepted it: record that now, insisting a little, since a lost record means a second send. */
  private async recordSent(row: ClaimedMessage, token: string, response: string): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const recorded = await this.sentMarks.mark({ id: row.id, token, response });
        if (!recorded) this.logger.warn({ id: row.id }, 'sent a message whose claim had been taken over');
        return;
      } catch (error) {
        if (attempt >= SENT_RECORD_RETRIES.length) {
          this.logger.error(
            { err: error, id: row.id },
            'could not record a sent message; it will be sent again when its lease ends',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SENT_RECORD_RETRIES[attempt]));
      }
    }
  }

  /** The server answers again: what waits out a back-off because of the outage is due now. */
  private async bringForwardAfterOutage(): Promise<void> {
    this.outageSeen = false;
    try {
      const count = await this.claims.bringForwardAfterOutage(dueTime(this.clock));
      if (count > 0) this.logger.warn({ count }, 'the SMTP server accepts mail again: retries brought forward');
    } catch (error) {
      this.outageSeen = true;
      this.logger.error({ err: error }, 'could not bring forward the retries of the outage; they keep their back-off');
    }
  }

  private async recordFailure(
    row: ClaimedMessage,
    token: string,
    error: unknown,
    report: DispatchReport,
  ): Promise<void> {
    const now = dueTime(this.clock);
    const failure = classifySendError(error);
    const policy = {
      maxAttempts: this.config.outbox.maxAttempts,
      baseMs: this.config.outbox.retryBaseMs,
      maxMs: this.config.outbox.retryMaxMs,
    };
    try {
      if (error instanceof ShuttingDown) {
        await this.claims.markRetrying(row.id, token, now, 0, failure.description);
        report.retrying += 1;
      } else if (!failure.permanent && mayRetry(row.attempt, policy)) {
        const delay = retryDelayMs(row.attempt, policy);
        await this.claims.markRetrying(row.id, token, now, delay, failure.description, failure.serverDown);
        if (failure.serverDown) this.outageSeen = true;
        report.retrying += 1;
      } else {
        const description = failure.permanent
          ? failure.description
          : `gave up after ${row.attempt} attempts: ${failure.description}`;
        await this.claims.markFailed(row.id, token, now, description);
        report.failed += 1;
      }
    } catch (recordError) {
      this.logger.error(
        { err: recordError, id: row.id },
        'could not record a failed attempt; the message is retried when its lease ends',
      );
    }
  }
}

/** Aborts at the deadline, which may move forward meanwhile (a renewed lease): checked again when reached. */
function abortAtDeadline(controller: AbortController, deadline: () => number, reason: () => Error): () => void {
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const left = deadline() - performance.now();
    if (left <= 0) controller.abort(reason());
    else timer = setTimeout(check, left);
  };
  check();
  return () => clearTimeout(timer);
}

function groupByKind(rows: ClaimedMessage[]): Map<string, ClaimedMessage[]> {
  const groups = new Map<string, ClaimedMessage[]>();
  for (const row of rows) {
    const group = groups.get(row.kind);
    if (group) group.push(row);
    else groups.set(row.kind, [row]);
  }
  return groups;
}
