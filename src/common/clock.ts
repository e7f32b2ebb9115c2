/**
 * The time Convene reads. Inject it instead of calling `new Date()` so that tests (and the
 * reminder simulations) can move time. Services receive `clock.now()`; they never ask the machine.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
