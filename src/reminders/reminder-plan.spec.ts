import { decideSlot, planSlots, seriesChange } from './reminder-plan';
import { SLOT_REASONS } from './reminder.reasons';

const ZONE = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-03-08T00:30:00Z');

describe(planSlots.name, () => {
  it('plans one slot per offset, earliest first', () => {
    const slots = planSlots(
      { kind: 'conference', anchorAt: start, zone: ZONE, offsets: ['P3D', 'P1D', 'PT2H'] },
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(slots.map((s) => [s.label, s.fireAt.toISOString(), s.skipped])).toEqual([
      ['P3D', '2026-03-05T00:30:00.000Z', null],
      ['P1D', '2026-03-07T00:30:00.000Z', null],
      ['PT2H', '2026-03-07T22:30:00.000Z', null],
    ]);
  });

  it('records a slot already past at planning time as skipped, with the reason', () => {
    const slots = planSlots(
      { kind: 'conference', anchorAt: start, zone: ZONE, offsets: ['P3D', 'PT2H'] },
      new Date('2026-03-06T00:00:00Z'),
    );
    expect(slots.map((s) => s.skipped)).toEqual([SLOT_REASONS.pastWhenPlanned, null]);
  });

  it('adds the overdue notice of a deadline', () => {
    const due = new Date('2026-02-24T17:00:00Z');
    const slots = planSlots(
      { kind: 'deadline', anchorAt: due, zone: ZONE, offsets: ['P3D', 'P1D', 'overdue'] },
      new Date('2026-02-01T00:00:00Z'),
    );
    expect(slots.map((s) => [s.label, s.fireAt.toISOString()])).toEqual([
      ['P3D', '2026-02-21T01:00:00.000Z'],
      ['P1D', '2026-02-23T01:00:00.000Z'],
      ['overdue', '2026-02-25T01:00:00.000Z'],
    ]);
  });
});

describe(seriesChange.name, () => {
  const planned = { version: 2, anchorAt: start, offsets: ['P3D', 'P1D'] };
  it('creates a series only when there is a time', () => {
    expect(seriesChange(null, { anchorAt: start, offsets: ['P1D'] })).toEqual({ kind: 'create' });
    expect(seriesChange(null, { anchorAt: null, offsets: ['P1D'] })).toEqual({ kind: 'none' });
  });
  it('raises the version when the time moves or goes away', () => {
    expect(seriesChange(planned, { anchorAt: new Date('2026-03-09T00:30:00Z'), offsets: ['P3D', 'P1D'] })).toEqual({
      kind: 'move',
      version: 3,
    });
    expect(seriesChange(planned, { anchorAt: null, offsets: ['P3D', 'P1D'] })).toEqual({ kind: 'move', version: 3 });
  });
  it('keeps the version when only offsets change, naming those removed', () => {
    expect(seriesChange(planned, { anchorAt: start, offsets: ['P3D', 'PT2H'] })).toEqual({
      kind: 'offsets',
      removed: ['P1D'],
    });
    expect(seriesChange(planned, { anchorAt: new Date(start), offsets: ['P3D', 'P1D'] })).toEqual({ kind: 'none' });
  });
});

describe(decideSlot.name, () => {
  const slot = { label: 'P1D', fireAt: new Date('2026-03-07T00:30:00Z'), version: 1, anchorAt: start };
  const current = { version: 1, anchorAt: start };
  it('sends on time, and late (catch-up) while the event has not started', () => {
    expect(decideSlot(slot, current, new Date('2026-03-07T00:31:00Z'), false)).toEqual({ send: true, late: false });
    expect(decideSlot(slot, current, new Date('2026-03-07T20:00:00Z'), false)).toEqual({ send: true, late: true });
  });
  it('skips after the start, after a move, without a time, and when a later reminder is due too', () => {
    expect(decideSlot(slot, current, new Date('2026-03-08T01:00:00Z'), false)).toEqual({
      skip: SLOT_REASONS.anchorPassed,
    });
    expect(
      decideSlot(
        slot,
        { version: 2, anchorAt: new Date('2026-03-09T00:30:00Z') },
        new Date('2026-03-07T01:00:00Z'),
        false,
      ),
    ).toEqual({ skip: SLOT_REASONS.rescheduled });
    expect(decideSlot(slot, { version: 2, anchorAt: null }, new Date('2026-03-07T01:00:00Z'), false)).toEqual({
      skip: SLOT_REASONS.noLongerScheduled,
    });
    expect(decideSlot(slot, current, new Date('2026-03-07T23:00:00Z'), true)).toEqual({
      skip: SLOT_REASONS.superseded,
    });
  });
  it('sends an overdue notice after its anchor', () => {
    const overdue = { label: 'overdue', fireAt: new Date('2026-03-09T01:00:00Z'), version: 1, anchorAt: start };
    expect(decideSlot(overdue, current, new Date('2026-03-09T01:00:00Z'), false)).toEqual({ send: true, late: false });
  });
});
