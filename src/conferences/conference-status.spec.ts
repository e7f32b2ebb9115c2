import { allowedActions, nextStatus } from './conference-status';

describe('conference status rules', () => {
  it('schedules a draft, moves a scheduled conference and reschedules a postponed one', () => {
    expect(nextStatus('draft', 'schedule')).toBe('scheduled');
    expect(nextStatus('scheduled', 'schedule')).toBe('scheduled');
    expect(nextStatus('postponed', 'schedule')).toBe('scheduled');
  });

  it('postpones and holds only a scheduled conference, and closes only a held one', () => {
    expect(nextStatus('scheduled', 'postpone')).toBe('postponed');
    expect(nextStatus('draft', 'postpone')).toBeNull();
    expect(nextStatus('scheduled', 'hold')).toBe('held');
    expect(nextStatus('postponed', 'hold')).toBeNull();
    expect(nextStatus('held', 'close')).toBe('closed');
    expect(nextStatus('scheduled', 'close')).toBeNull();
  });

  it('cancels anything not yet held, and nothing leaves cancelled or closed', () => {
    for (const status of ['draft', 'scheduled', 'postponed'] as const)
      expect(nextStatus(status, 'cancel')).toBe('cancelled');
    expect(nextStatus('held', 'cancel')).toBeNull();
    expect(allowedActions('cancelled')).toEqual([]);
    expect(allowedActions('closed')).toEqual([]);
    expect(allowedActions('draft')).toEqual(['schedule', 'cancel']);
  });
});
