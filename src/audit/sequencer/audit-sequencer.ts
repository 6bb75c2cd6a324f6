import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, QueryRunner } from 'typeorm';
import { QueueService } from '../../core/queue/queue.service';
import { RoundLoop } from '../../core/queue/round-loop';
import { auditConfig } from '../audit.config';
import { ChainBatch } from './chain-batch';

/** The sequencer's session advisory lock ("AUDS"); the AuditSequencer migration's triggers check for it. */
export const SEQUENCER_LOCK = 1096107091;
// Entries per batch: at the hub's rates one batch takes everything waiting; a backlog (after an
// outage of every worker) is worked off in batches of this size, back to back.
const BATCH_LIMIT = 5000;

/**
 * The one sequencer of the audit log, in worker processes. Every worker runs one; the one whose
 * connection holds the session advisory lock SEQUENCER_LOCK leads and chains, the others try for the
 * lock each round. The lock belongs to the leader's database session, so when the leader dies (killed,
 * crashed, cut off) PostgreSQL ends its session, rolls back its batch and frees the lock, and another
 * worker leads from its next round. Rounds come every half HUB_AUDIT_MAX_DELAY_MS, which leaves the
 * other half for the batch itself: an entry committed just after a round began is chained by the next.
 */
@Injectable()
export class AuditSequencer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AuditSequencer');
  private runner?: QueryRunner;
  private leading = false;
  private readonly loop: RoundLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly batch: ChainBatch,
    @Inject(auditConfig.KEY) config: ConfigType<typeof auditConfig>,
  ) {
    this.loop = new RoundLoop({
      round: () => this.round(),
      pauseMs: Math.floor(config.maxDelayMs / 2),
      report: (message) => this.logger.warn(`Audit entries wait unchained: ${message}`),
      describe: (error) => (error instanceof Error ? error.message : String(error)),
      // After an error, leadership opens to every worker again (resign).
      afterFailure: () => this.resign(),
    });
  }

  onModuleInit(): void {
    this.queues.onWorkersStarted(() => this.start());
  }

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
    await this.resign();
  }

  /** Leads if it can, and then chains one batch. True when more entries are waiting at once. */
  private async round(): Promise<boolean> {
    if (!this.runner) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      this.runner = runner;
    }
    if (!this.leading) {
      const [row]: { locked: boolean }[] = await this.runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SEQUENCER_LOCK]);
      if (!row.locked) return false;
      this.leading = true;
      this.logger.log(`This process (pid ${process.pid}) now sequences the audit log`);
    }
    const outcome = await this.batch.run(this.runner, BATCH_LIMIT);
    return outcome.full;
  }

  // Gives the lock back and the connection to the pool. After an error that is how leadership opens
  // to every worker again; when the connection itself is gone, so are its session and its lock.
  private async resign(): Promise<void> {
    const runner = this.runner;
    const wasLeading = this.leading;
    this.runner = undefined;
    this.leading = false;
    if (!runner || runner.isReleased) return;
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (wasLeading) await runner.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK]);
    } catch {
      // The connection is gone: PostgreSQL ended the session and freed its lock.
    } finally {
      await runner.release().catch(() => undefined);
    }
    if (wasLeading) this.logger.log(`This process (pid ${process.pid}) no longer sequences the audit log`);
  }
}
