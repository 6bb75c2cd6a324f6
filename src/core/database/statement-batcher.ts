interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Items of one statement at most. */
  maxItems: number;
  /** Statements in flight at once (each on a connection of its own). */
  maxInFlight: number;
}

/**
 * Groups the calls of many concurrent jobs into one statement, the way a database groups commits:
 * a call made while the statements in flight are at their bound waits for one of them to return and
 * goes out with every call that gathered meanwhile; a call made when there is room goes out in the
 * same turn of the event loop as its siblings. So a lone job waits for nothing and a busy worker
 * writes hundreds of rows per statement. `add` resolves with the item's own result once the
 * group's statement returned (committed: one statement outside a transaction commits on its own);
 * when the statement fails, every call of the group fails with its error, and nothing of it was
 * written.
 */
export class StatementBatcher<I, R> {
  private waiting: Waiting<I, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<R[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    // The siblings that become ready in this turn (one job's answer often frees several) join in.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxItems);
      this.inFlight += 1;
      this.run(group.map((w) => w.item))
        .then(
          (results) => group.forEach((w, i) => w.resolve(results[i])),
          (error: unknown) => group.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.schedule();
        });
      // One statement at a time while little waits: the next group gathers behind it.
      if (this.waiting.length < this.options.maxItems) break;
    }
  }
}
