import { Clock } from '../../src/common/clock';

/** A clock the test moves by hand. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-01T01:00:00Z') {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
