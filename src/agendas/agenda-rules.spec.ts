import {
  findGaps,
  findOverlaps,
  instantiate,
  localDay,
  outsideSession,
  pushFollowing,
  templateLength,
} from './agenda-rules';

const at = (hhmm: string) => new Date(`2023-04-05T${hhmm}:00+07:00`);
const slot = (id: string, from: string, to: string) => ({ id, startsAt: at(from), endsAt: at(to) });
const session = { startsAt: at('13:30'), endsAt: at('17:00') };

describe('agenda rules', () => {
  it('finds every pair of overlapping slots, and none in a clean agenda', () => {
    const clean = [slot('a', '13:30', '14:00'), slot('b', '14:00', '14:05'), slot('c', '14:05', '14:15')];
    expect(findOverlaps(clean)).toEqual([]);
    const messy = [slot('a', '13:30', '14:30'), slot('b', '14:00', '14:05'), slot('c', '14:20', '15:00')];
    expect(findOverlaps(messy).map(([x, y]) => `${x.id}${y.id}`)).toEqual(['ab', 'ac']);
  });

  it('reports the gaps before, between and after the slots', () => {
    const slots = [slot('a', '13:45', '14:00'), slot('b', '14:10', '16:00')];
    expect(findGaps(slots, session).map((g) => [g.startsAt.toISOString(), g.endsAt.toISOString()])).toEqual([
      [at('13:30').toISOString(), at('13:45').toISOString()],
      [at('14:00').toISOString(), at('14:10').toISOString()],
      [at('16:00').toISOString(), at('17:00').toISOString()],
    ]);
    expect(findGaps([slot('a', '13:30', '17:00')], session)).toEqual([]);
  });

  it('finds slots that leave the session', () => {
    const slots = [slot('a', '13:00', '13:45'), slot('b', '14:00', '15:00'), slot('c', '16:30', '17:15')];
    expect(outsideSession(slots, session).map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('instantiates a template at a start time and knows its length', () => {
    const template = [
      { offsetMinutes: 0, durationMinutes: 30 },
      { offsetMinutes: 180, durationMinutes: 30 },
    ];
    const [first, last] = instantiate(template, at('13:30'));
    expect(first.startsAt).toEqual(at('13:30'));
    expect(last.endsAt).toEqual(at('17:00'));
    expect(templateLength(template)).toBe(210);
  });

  it('pushes later slots down to make room, and leaves earlier ones', () => {
    const slots = [slot('a', '13:30', '14:00'), slot('b', '14:00', '14:05'), slot('c', '14:05', '14:15')];
    const inserted = slot('x', '14:00', '14:10');
    const moved = pushFollowing(slots, inserted);
    expect([...moved.keys()]).toEqual(['b', 'c']);
    expect(moved.get('b')).toEqual({ startsAt: at('14:10'), endsAt: at('14:15') });
    expect(moved.get('c')).toEqual({ startsAt: at('14:15'), endsAt: at('14:25') });
    expect(pushFollowing(slots, slot('y', '14:15', '14:20')).size).toBe(0);
  });

  it('lets a reception start up to two hours before the session, and nothing else', () => {
    const early = [
      { ...slot('r', '12:30', '13:30'), kind: 'reception' },
      { ...slot('o', '13:00', '13:30'), kind: 'opening' },
      { ...slot('x', '11:00', '13:30'), kind: 'reception' },
    ];
    expect(outsideSession(early, session).map((s) => s.id)).toEqual(['o', 'x']);
  });

  it('finds no gap overnight in a two-day agenda, only within each day', () => {
    const day = (d: string, hhmm: string) => new Date(`2026-03-${d}T${hhmm}:00+07:00`);
    const twoDays = { startsAt: day('27', '07:30'), endsAt: day('28', '11:30') };
    const slots = [
      { startsAt: day('27', '07:30'), endsAt: day('27', '11:30') },
      { startsAt: day('27', '13:30'), endsAt: day('27', '17:00') },
      { startsAt: day('28', '07:30'), endsAt: day('28', '11:00') },
    ];
    const gaps = (zone: string) =>
      findGaps(slots, twoDays, localDay(zone)).map((g) => [g.startsAt.toISOString(), g.endsAt.toISOString()]);
    const expected = [
      [day('27', '11:30').toISOString(), day('27', '13:30').toISOString()],
      [day('28', '11:00').toISOString(), day('28', '11:30').toISOString()],
    ];
    expect(gaps('Asia/Ho_Chi_Minh')).toEqual(expected);
    // Without days the night is one long gap: what the checks used to report.
    expect(findGaps(slots, twoDays)).toHaveLength(3);
  });
});
