import { Clock, SystemClock } from '../common/clock';
import { dueTime } from './due-time';

class StoppedClock extends Clock {
  now(): Date {
    return new Date('2026-03-01T01:00:00Z');
  }
}

describe(dueTime.name, () => {
  it('leaves due-ness to the database with the real clock', () => {
    expect(dueTime(new SystemClock())).toBeNull();
  });

  it('passes an injected clock’s time explicitly', () => {
    expect(dueTime(new StoppedClock())).toEqual(new Date('2026-03-01T01:00:00Z'));
  });
});
