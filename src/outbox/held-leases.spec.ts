import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { HeldLeases, HeldRow, LEASE_MARGIN_MS } from './held-leases';

describe(HeldLeases.name, () => {
  const LEASE = 5000;
  let leases: HeldLeases;
  afterEach(() => leases.stop());

  /** A renewal that records what it was asked and renews what `answer` says. */
  function renewer(answer: (rows: HeldRow[]) => Promise<Set<string>>) {
    const calls: HeldRow[][] = [];
    return {
      calls,
      renew: (rows: HeldRow[]) => {
        calls.push(rows);
        return answer(rows);
      },
    };
  }

  it('sets each deadline a margin before the lease ends and moves it only when the renewal is confirmed', async () => {
    const r = renewer(async (rows) => new Set(rows.filter((row) => row.id !== 'b').map((row) => row.id)));
    leases = new HeldLeases(LEASE, r.renew);
    const claimedAt = performance.now() - 1000;
    leases.hold(
      [
        { id: 'a', token: 't1' },
        { id: 'b', token: 't1' },
      ],
      claimedAt,
    );
    expect(leases.deadline('a')).toBe(claimedAt + LEASE - LEASE_MARGIN_MS);
    const before = performance.now();
    await leases.heartbeat();
    expect(r.calls).toEqual([
      [
        { id: 'a', token: 't1' },
        { id: 'b', token: 't1' },
      ],
    ]);
    expect(leases.deadline('a')).toBeGreaterThanOrEqual(before + LEASE - LEASE_MARGIN_MS);
    // Not renewed in the database (taken over, or already recorded): its deadline stays.
    expect(leases.deadline('b')).toBe(claimedAt + LEASE - LEASE_MARGIN_MS);
    expect(leases.deadline('unknown')).toBe(-Infinity);
  });

  it('leaves the deadlines where they are when the renewal fails, and warns once per outage', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let down = true;
    const r = renewer(async (rows) => {
      if (down) throw new Error('connect ECONNREFUSED');
      return new Set(rows.map((row) => row.id));
    });
    leases = new HeldLeases(LEASE, r.renew);
    const claimedAt = performance.now();
    leases.hold([{ id: 'a', token: 't1' }], claimedAt);
    await leases.heartbeat();
    await leases.heartbeat();
    expect(r.calls).toHaveLength(2);
    expect(leases.deadline('a')).toBe(claimedAt + LEASE - LEASE_MARGIN_MS);
    expect(warn.mock.calls.map((c) => c.at(-1))).toEqual(['could not renew the leases of claimed messages']);
    down = false;
    await leases.heartbeat();
    expect(leases.deadline('a')).toBeGreaterThan(claimedAt + LEASE - LEASE_MARGIN_MS);
    expect(warn.mock.calls.map((c) => c.at(-1))).toEqual([
      'could not renew the leases of claimed messages',
      'lease renewals succeed again',
    ]);
    warn.mockRestore();
  });

  it('never asks to renew a lease whose deadline has passed', async () => {
    const r = renewer(async (rows) => new Set(rows.map((row) => row.id)));
    leases = new HeldLeases(LEASE, r.renew);
    leases.hold([{ id: 'old', token: 't1' }], performance.now() - LEASE);
    leases.hold([{ id: 'new', token: 't2' }], performance.now());
    await leases.heartbeat();
    expect(r.calls).toEqual([[{ id: 'new', token: 't2' }]]);
  });

  it('drops a row only under the claim it was held by', async () => {
    const r = renewer(async (rows) => new Set(rows.map((row) => row.id)));
    leases = new HeldLeases(LEASE, r.renew);
    leases.hold([{ id: 'a', token: 'first' }], performance.now());
    leases.hold([{ id: 'a', token: 'second' }], performance.now());
    leases.drop([{ id: 'a', token: 'first' }]);
    expect(leases.deadline('a')).toBeGreaterThan(performance.now());
    leases.drop([{ id: 'a', token: 'second' }]);
    expect(leases.deadline('a')).toBe(-Infinity);
  });

  it('renews by itself every quarter of the lease while rows are held', async () => {
    const r = renewer(async (rows) => new Set(rows.map((row) => row.id)));
    leases = new HeldLeases(LEASE, r.renew);
    leases.hold([{ id: 'a', token: 't1' }], performance.now());
    await new Promise((resolve) => setTimeout(resolve, LEASE / 4 + 300));
    expect(r.calls.length).toBe(1);
    leases.drop([{ id: 'a', token: 't1' }]);
    await new Promise((resolve) => setTimeout(resolve, LEASE / 4 + 300));
    expect(r.calls.length).toBe(1);
  });
});
