/**
 * The pause a worker's background loop (the audit sequencer, the local delivery relay) takes between
 * rounds: `sleep` waits `ms`, or until `wake` is called. A wake that comes while no pause runs ends
 * the next one at once, so work announced between two rounds is never left for a whole pause. The
 * timer does not keep the process alive.
 */
export class RoundPause {
  private end?: () => void;
  private woken = false;

  sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.end = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.end = done;
    });
  }

  wake(): void {
    if (this.end) this.end();
    else this.woken = true;
  }
}
