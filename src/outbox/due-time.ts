import { Clock, SystemClock } from '../common/clock';

/**
 * The instant that decides whether a message is due, as an SQL parameter. With the real clock it
 * is null and the statements use the database's now(): every instance then judges due-ness and
 * leases by one clock, whatever its own clock says. A test that injects another Clock (FakeClock)
 * gets its time passed explicitly instead, so it can move time for the outbox too.
 */
export function dueTime(clock: Clock): Date | null {
  return clock instanceof SystemClock ? null : clock.now();
}
