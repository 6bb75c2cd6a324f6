import { loggableMessage } from '../database/pg-errors';
import { RoundPause } from './round-pause';

export interface RoundLoopOptions {
  /** One round; true when more work waits at once, so the next round starts without a pause. */
  round: () => Promise<boolean>;
  /** The pause after a round that left nothing waiting (cut short by `wake`). */
  pauseMs: number;
  /** A round failed with a problem other than the last one reported (PostgreSQL down is said once, not once a round). */
  report: (message: string) => void;
  /** A failure as `report` is given it: by default its loggable message (a database error reduced to its summary). */
  describe?: (error: unknown) => string;
  /** After a failed round, before the pause (the audit sequencer gives its leadership back). */
  afterFailure?: () => Promise<void>;
}

/**
 * A worker's background loop (the audit sequencer, the local delivery relay): rounds one after
 * another while more work waits, a pause between the others, started once the workers start and
 * stopped with the module, a failed round reported once per distinct problem and tried again after
 * the pause.
 */
export class RoundLoop {
  private readonly pause = new RoundPause();
  private stopping = false;
  private running?: Promise<void>;
  private lastProblem?: string;

  constructor(private readonly options: RoundLoopOptions) {}

  start(): void {
    if (this.running || this.stopping) return;
    this.running = this.loop();
  }

  /** Ends the pause under way (or the next one): work was announced. */
  wake(): void {
    this.pause.wake();
  }

  /** Lets the round under way finish, and starts no other. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await this.options.round();
        this.lastProblem = undefined;
      } catch (error) {
        const message = (this.options.describe ?? loggableMessage)(error);
        if (message !== this.lastProblem) {
          this.lastProblem = message;
          this.options.report(message);
        }
        await this.options.afterFailure?.();
      }
      if (!more && !this.stopping) await this.pause.sleep(this.options.pauseMs);
    }
  }
}
