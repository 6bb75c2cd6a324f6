/** Thrown to a waiter that did not get the session within its limit. */
export class SessionWaitTimeout extends Error {
  constructor(readonly waitedMs: number) {
    super(`waited ${waitedMs} ms for the database session`);
    this.name = 'SessionWaitTimeout';
  }
}

interface Waiter<Holder> {
  holder: Holder;
  grant: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * Who may talk to the one embedded PostgreSQL session. PostgreSQL keeps a transaction per session,
 * and the embedded database has a single session, so two connections that interleaved statements
 * would share one transaction: a rollback by one would undo what the other had committed. The lease
 * makes every other connection wait while one holds the session, for a whole transaction.
 *
 * No I/O. The holder is any object; waiters are served first come, first served.
 */
export class SessionLease<Holder extends object = object> {
  private current: Holder | null = null;
  private readonly waiting: Waiter<Holder>[] = [];

  get holder(): Holder | null {
    return this.current;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves once `holder` holds the session (at once when it already does or nobody does). With a
   * limit, rejects with SessionWaitTimeout when the session is not free by then, and leaves the queue.
   */
  acquire(holder: Holder, limitMs?: number): Promise<void> {
    if (this.current === null || this.current === holder) {
      this.current = holder;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter<Holder> = { holder, grant: resolve };
      if (limitMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at < 0) return;
          this.waiting.splice(at, 1);
          reject(new SessionWaitTimeout(limitMs));
        }, limitMs);
      }
      this.waiting.push(waiter);
    });
  }

  /** Hands the session to the next waiter; a no-op for anyone but the holder. */
  release(holder: Holder): void {
    if (this.current !== holder) return;
    const next = this.waiting.shift();
    this.current = next ? next.holder : null;
    if (next) {
      clearTimeout(next.timer);
      next.grant();
    }
  }
}
