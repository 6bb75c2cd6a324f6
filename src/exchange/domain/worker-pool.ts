/** How a partner's worker runs: jobs at once in this process, at once hub-wide, and the rate stated. */
export interface PoolSettings {
  concurrency: number;
  hubConcurrency: number;
  perSecond: number | null;
}

/** A partner's worker open in this process. */
export interface PoolMember {
  id: string;
  openedAt: number;
  lastActiveAt: number;
  inFlight: number;
  settings: PoolSettings;
}

export interface PoolState {
  now: number;
  maxWorkers: number;
  /** A worker whose partner has nothing due closes after this long without a job. */
  idleCloseMs: number;
  /** While others wait for a place, a worker that held one this long gives it up. */
  leaseMs: number;
  /** The partners with deliveries due, and their settings. */
  due: Map<string, PoolSettings>;
  /** The workers open (and not closing). */
  live: PoolMember[];
  /** Partners that waited for a place at the last look, in the order they came. */
  waiting: string[];
}

export interface PoolPlan {
  open: string[];
  close: string[];
  update: [string, PoolSettings][];
  /** Due, with no place yet: first in line next time. */
  wait: string[];
}

function sameSettings(a: PoolSettings, b: PoolSettings): boolean {
  return a.concurrency === b.concurrency && a.hubConcurrency === b.hubConcurrency && a.perSecond === b.perSecond;
}

/**
 * Which partner workers a worker process opens and closes (partners/partner-queues.ts): every
 * partner with deliveries due gets a worker while there is room, the longest waiting first; a
 * worker whose partner has nothing due closes once idle; when partners wait and the pool is full,
 * places are freed (the workers let their jobs finish) from those with nothing due, then those idle,
 * the longest idle first, then those that held their place past the lease, the oldest first. So no
 * partner waits for a place longer than about a lease, and a quiet hub holds no worker at all.
 */
export function choosePool(state: PoolState): PoolPlan {
  const close = new Set<string>();
  const update: [string, PoolSettings][] = [];
  const liveIds = new Set(state.live.map((m) => m.id));
  for (const member of state.live) {
    const settings = state.due.get(member.id);
    if (!settings) {
      if (member.inFlight === 0 && state.now - member.lastActiveAt >= state.idleCloseMs) close.add(member.id);
    } else if (!sameSettings(settings, member.settings)) {
      update.push([member.id, settings]);
    }
  }
  const wanting = [...state.waiting.filter((id) => state.due.has(id) && !liveIds.has(id)), ...[...state.due.keys()].filter((id) => !liveIds.has(id) && !state.waiting.includes(id))];
  const room = Math.max(0, state.maxWorkers - (state.live.length - close.size));
  const open = wanting.slice(0, room);
  const wait = wanting.slice(room);
  if (wait.length > 0) {
    const staying = state.live.filter((m) => !close.has(m.id));
    const notDue = staying.filter((m) => !state.due.has(m.id));
    const idle = staying.filter((m) => state.due.has(m.id) && m.inFlight === 0).sort((a, b) => a.lastActiveAt - b.lastActiveAt);
    const pastLease = staying.filter((m) => state.due.has(m.id) && m.inFlight > 0 && state.now - m.openedAt >= state.leaseMs).sort((a, b) => a.openedAt - b.openedAt);
    // Freed places are taken at the next look, once the workers closed: the waiting stay first in line.
    for (const member of [...notDue, ...idle, ...pastLease].slice(0, wait.length)) close.add(member.id);
  }
  return { open, close: [...close], update: update.filter(([id]) => !close.has(id)), wait };
}
