import { PoolMember, PoolSettings, PoolState, choosePool } from './worker-pool';

const SETTINGS: PoolSettings = { concurrency: 64, hubConcurrency: 64, perSecond: null };
const NOW = 1_000_000;

function member(id: string, over: Partial<PoolMember> = {}): PoolMember {
  return { id, openedAt: NOW - 1000, lastActiveAt: NOW - 100, inFlight: 1, settings: SETTINGS, ...over };
}

function state(over: Partial<PoolState>): PoolState {
  return { now: NOW, maxWorkers: 2, idleCloseMs: 10_000, leaseMs: 30_000, due: new Map(), live: [], waiting: [], ...over };
}

const due = (...ids: string[]): Map<string, PoolSettings> => new Map(ids.map((id) => [id, SETTINGS]));

describe('choosePool', () => {
  it('opens a worker for each partner with deliveries due while there is room, and makes the rest wait', () => {
    expect(choosePool(state({ due: due('a', 'b', 'c') }))).toEqual({ open: ['a', 'b'], close: [], update: [], wait: ['c'] });
  });

  it('serves first the partners that waited longest', () => {
    const plan = choosePool(state({ due: due('a', 'b', 'c'), waiting: ['c'] }));
    expect(plan.open).toEqual(['c', 'a']);
    expect(plan.wait).toEqual(['b']);
  });

  it('closes a worker whose partner has nothing due once it has been idle long enough, not before', () => {
    const idle = member('a', { inFlight: 0, lastActiveAt: NOW - 10_000 });
    const recent = member('b', { inFlight: 0, lastActiveAt: NOW - 9_999 });
    expect(choosePool(state({ live: [idle, recent] })).close).toEqual(['a']);
  });

  it('keeps a worker with a job in flight even when its partner has nothing due', () => {
    expect(choosePool(state({ live: [member('a', { inFlight: 3, lastActiveAt: NOW - 60_000 })] })).close).toEqual([]);
  });

  it('frees places for waiting partners: nothing due first, then the longest idle, then past the lease', () => {
    const live = [
      member('busy', { inFlight: 5, openedAt: NOW - 1000 }),
      member('leased', { inFlight: 5, openedAt: NOW - 30_000 }),
      member('idle', { inFlight: 0, lastActiveAt: NOW - 500 }),
      member('done', { inFlight: 1 }),
    ];
    const plan = choosePool(state({ maxWorkers: 4, live, due: due('busy', 'leased', 'idle', 'x', 'y', 'z', 'w') }));
    expect(plan.open).toEqual([]);
    expect(plan.close).toEqual(['done', 'idle', 'leased']);
    expect(plan.wait).toEqual(['x', 'y', 'z', 'w']);
  });

  it('frees only as many places as partners wait', () => {
    const live = [member('a', { inFlight: 0 }), member('b', { inFlight: 0 })];
    const plan = choosePool(state({ live, due: due('a', 'b', 'c') }));
    expect(plan.close).toHaveLength(1);
    expect(plan.wait).toEqual(['c']);
  });

  it('passes on new settings of a partner whose worker is open', () => {
    const changed = { ...SETTINGS, concurrency: 8 };
    const plan = choosePool(state({ live: [member('a')], due: new Map([['a', changed]]) }));
    expect(plan.update).toEqual([['a', changed]]);
    expect(plan.open).toEqual([]);
  });
});
