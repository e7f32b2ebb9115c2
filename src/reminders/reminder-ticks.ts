import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { DigestService } from './digest.service';
import { ReminderFanout } from './reminder-fanout';
import { ReminderPlanner } from './reminder-planner';

/** Slot chunks fanned out per tick (each up to FANOUT_CHUNK recipients). */
export const FIRE_STEPS_PER_TICK = 40;
const INTERVAL_NAME = 'reminder-ticks';
const TICK_MS = 60_000;

export interface TickReport {
  planned: number;
  fired: number;
  skipped: number;
  queued: number;
  digests: number;
}

/**
 * One scheduler tick: plan what changed, queue the reminders whose time has come, queue the day's
 * digests. Every part is idempotent, so a rerun, an overlapping run or several instances queue
 * nothing twice; `run(now)` is what tests call with the fake clock's time.
 */
@Injectable()
export class ReminderTicks {
  constructor(
    private readonly planner: ReminderPlanner,
    private readonly fanout: ReminderFanout,
    private readonly digests: DigestService,
  ) {}

  async run(now: Date): Promise<TickReport> {
    const planned = await this.planner.reconcile(now);
    const fired = await this.fanout.fireDue(now, FIRE_STEPS_PER_TICK);
    const digests = await this.digests.queueDue(now);
    return { planned, ...fired, digests };
  }
}

/** The ticking, only with SCHEDULER_ENABLED: it calls the service with the clock's time and nothing else. */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private running?: Promise<unknown>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ticks: ReminderTicks,
    private readonly dispatcher: OutboxDispatcher,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => this.tick(), TICK_MS),
    );
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    await this.running?.catch(() => undefined);
  }

  private tick(): void {
    // A slow tick is not overlapped by this instance; other instances may overlap it safely.
    if (this.running) return;
    this.running = this.ticks
      .run(this.clock.now())
      .then((report) => {
        if (report.queued > 0 || report.digests > 0) this.dispatcher.nudge();
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'reminder tick failed; the next one retries'))
      .finally(() => (this.running = undefined));
  }
}
