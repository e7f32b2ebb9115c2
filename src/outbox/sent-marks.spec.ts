import { SystemClock } from '../common/clock';
import type { OutboxClaims, SentMark } from './outbox-claims';
import { SentMarks } from './sent-marks';

/** Stands in for the SQL statement: records each group it is given and takes `ms` to "commit". */
function writer(ms: number, fail?: (group: SentMark[]) => boolean) {
  const groups: string[][] = [];
  const claims = {
    async markSent(marks: SentMark[]) {
      groups.push(marks.map((m) => m.id));
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (fail?.(marks)) throw new Error('database gone');
      return new Set(marks.filter((m) => m.token === 'current').map((m) => m.id));
    },
  } as unknown as OutboxClaims;
  return { claims, groups };
}

const mark = (id: string, token = 'current'): SentMark => ({ id, token, response: '250 OK' });

describe(SentMarks.name, () => {
  it('writes a lone mark at once, and groups the marks that arrive while a write runs', async () => {
    const { claims, groups } = writer(20);
    const marks = new SentMarks(claims, new SystemClock());
    const first = marks.mark(mark('a'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = ['b', 'c', 'd'].map((id) => marks.mark(mark(id)));
    await expect(Promise.all([first, ...rest])).resolves.toEqual([true, true, true, true]);
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('answers false for a row whose claim was taken over', async () => {
    const marks = new SentMarks(writer(1).claims, new SystemClock());
    await expect(marks.mark(mark('x', 'stale'))).resolves.toBe(false);
  });

  it('rejects the marks of a failed write, and carries on with later ones', async () => {
    const { claims } = writer(5, (group) => group.some((m) => m.id === 'bad'));
    const marks = new SentMarks(claims, new SystemClock());
    await expect(marks.mark(mark('bad'))).rejects.toThrow('database gone');
    await expect(marks.mark(mark('good'))).resolves.toBe(true);
  });
});
