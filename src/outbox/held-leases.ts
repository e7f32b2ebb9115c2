import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

/** Time kept back from each lease to record the outcome of a send cut off at its end. */
export const LEASE_MARGIN_MS = 2000;
/** Renewals per lease: a lease survives this many missed heartbeats but one before it ends. */
const HEARTBEATS_PER_LEASE = 4;

export interface HeldRow {
  id: string;
  token: string;
}

/** Extends the database leases of these rows (if still held and not lapsed); answers the ids renewed. */
export type RenewLeases = (rows: HeldRow[], leaseMs: number) => Promise<Set<string>>;

/**
 * The leases one instance holds, kept short and renewed by a heartbeat while it lives: when it
 * dies, rows it claimed but had not sent are due again within one lease (seconds), not after a
 * send's worst case. Each row's local deadline (performance.now()) moves only when the database
 * confirms its renewal, measured from the moment the renewal was sent: a row's lease in the database
 * therefore always ends after its local deadline, and a send is cut off at that deadline — so a
 * send can never complete after another instance could claim the row, even when renewals fail.
 */
export class HeldLeases {
  private readonly logger = new Logger('Outbox');
  private readonly held = new Map<string, { token: string; until: number }>();
  private timer?: NodeJS.Timeout;
  private renewing = false;
  private failing = false;

  constructor(
    private readonly leaseMs: number,
    private readonly renew: RenewLeases,
  ) {}

  /** Rows just claimed; `claimedAt` is performance.now() before the claim was sent. */
  hold(rows: HeldRow[], claimedAt: number): void {
    for (const row of rows)
      this.held.set(row.id, { token: row.token, until: claimedAt + this.leaseMs - LEASE_MARGIN_MS });
    if (!this.timer && this.held.size > 0) {
      this.timer = setInterval(() => void this.heartbeat(), this.leaseMs / HEARTBEATS_PER_LEASE);
      this.timer.unref();
    }
  }

  /** The outcome of these rows is recorded (or they are handed back): no more renewals. */
  drop(rows: HeldRow[]): void {
    // By token too: a row handed back may already be held again under a newer claim.
    for (const row of rows) if (this.held.get(row.id)?.token === row.token) this.held.delete(row.id);
    if (this.held.size === 0) this.stop();
  }

  /** When a send of this row must be over (performance.now()); -Infinity for a row not held. */
  deadline(id: string): number {
    return this.held.get(id)?.until ?? -Infinity;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One renewal of every live lease; a failure leaves the deadlines where they are. */
  async heartbeat(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    const sentAt = performance.now();
    const live = [...this.held].filter(([, h]) => h.until > sentAt).map(([id, h]) => ({ id, token: h.token }));
    try {
      const renewed = live.length > 0 ? await this.renew(live, this.leaseMs) : new Set<string>();
      for (const id of renewed) {
        const row = this.held.get(id);
        if (row) row.until = Math.max(row.until, sentAt + this.leaseMs - LEASE_MARGIN_MS);
      }
      if (this.failing) this.logger.warn('lease renewals succeed again');
      this.failing = false;
    } catch (error) {
      // Once per outage: sends in flight are cut off at their deadlines, which no longer move.
      if (!this.failing) this.logger.warn({ err: error }, 'could not renew the leases of claimed messages');
      this.failing = true;
    } finally {
      this.renewing = false;
    }
  }
}
