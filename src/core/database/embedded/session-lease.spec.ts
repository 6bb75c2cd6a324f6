import { SessionLease, SessionWaitTimeout } from './session-lease';

// The order in which holders got the session, as the lease hands it out.
async function order(lease: SessionLease, holders: object[], work: (holder: object) => Promise<void>): Promise<void> {
  await Promise.all(
    holders.map(async (holder) => {
      await lease.acquire(holder);
      await work(holder);
      lease.release(holder);
    }),
  );
}

describe('the session lease', () => {
  it('lets one holder in at a time, the others in arrival order', async () => {
    const lease = new SessionLease();
    const [a, b, c] = [{ n: 'a' }, { n: 'b' }, { n: 'c' }];
    const seen: string[] = [];
    let inside = 0;
    await order(lease, [a, b, c], async (h) => {
      inside++;
      expect(inside).toBe(1);
      seen.push((h as { n: string }).n);
      await new Promise((r) => setTimeout(r, 5));
      inside--;
    });
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(lease.holder).toBeNull();
  });

  it('is re-entrant for its holder and deaf to a release by anyone else', async () => {
    const lease = new SessionLease();
    const [a, b] = [{}, {}];
    await lease.acquire(a);
    await lease.acquire(a);
    let bIn = false;
    const waiting = lease.acquire(b).then(() => (bIn = true));
    lease.release(b);
    await new Promise((r) => setImmediate(r));
    expect(bIn).toBe(false);
    expect(lease.holder).toBe(a);
    lease.release(a);
    await waiting;
    expect(lease.holder).toBe(b);
  });

  it('turns away a waiter after its limit and serves the next one', async () => {
    const lease = new SessionLease();
    const [a, b, c] = [{}, {}, {}];
    await lease.acquire(a);
    const late = lease.acquire(b, 20);
    const patient = lease.acquire(c);
    await expect(late).rejects.toBeInstanceOf(SessionWaitTimeout);
    expect(lease.queued).toBe(1);
    lease.release(a);
    await patient;
    expect(lease.holder).toBe(c);
  });
});
