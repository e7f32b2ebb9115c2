import { Clock } from '../common/clock';
import { dueTime } from './due-time';
import { OutboxClaims, SentMark } from './outbox-claims';

/** Marks per statement at most. */
const MAX_GROUP = 500;

interface Waiting extends SentMark {
  settle: (error: Error | undefined, recorded?: boolean) => void;
}

/**
 * Records sent messages the way a database group-commits: a mark is written at once when no write
 * is running; marks that arrive while one is running share the next statement. Nothing waits on a
 * timer, so each message's "sent" is recorded within about one UPDATE of the server's answer (the
 * window in which a crash could send it twice), with far fewer statements under load.
 */
export class SentMarks {
  private readonly waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly claims: OutboxClaims,
    private readonly clock: Clock,
  ) {}

  /** Resolves true once recorded, false if the row's claim had been taken over; rejects if the write failed. */
  mark(mark: SentMark): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        ...mark,
        settle: (error, recorded) => (error ? reject(error) : resolve(recorded ?? false)),
      });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          const recorded = await this.claims.markSent(group, dueTime(this.clock));
          for (const mark of group) mark.settle(undefined, recorded.has(mark.id));
        } catch (error) {
          for (const mark of group) mark.settle(error as Error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
