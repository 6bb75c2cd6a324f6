import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../core/metrics/metrics.service';

interface ChainGauges {
  waiting: number;
  oldest: number;
  covered: number;
}

/**
 * How far the sequencer is, on /metrics of every process (read from PostgreSQL at each scrape: the
 * counts come from the partial index of waiting entries and the checkpoints' primary key). Alert
 * when the oldest waiting entry is older than HUB_AUDIT_MAX_DELAY_MS: no worker sequences, or it
 * cannot sign.
 */
@Injectable()
export class AuditMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // Hub-wide figures every process reads alike: each gauge is taken once (aggregator 'first') when
    // `npm start` aggregates its processes' metrics.
    const registers = [this.metrics.registry];
    const read = async (): Promise<ChainGauges> => {
      const [row]: ChainGauges[] = await this.dataSource.query(
        `SELECT (SELECT count(*) FROM audit_log WHERE seq IS NULL)::int AS waiting,
                coalesce((SELECT extract(epoch FROM clock_timestamp() - min(appended_at)) FROM audit_log WHERE seq IS NULL), 0)::float8 AS oldest,
                coalesce((SELECT max(seq) FROM audit_checkpoints), 0)::float8 AS covered`,
      );
      return row;
    };
    new Gauge({
      name: 'ecoo_audit_unchained_entries',
      help: 'Audit entries committed and not chained yet',
      registers,
      aggregator: 'first',
      async collect() {
        this.set((await read()).waiting);
      },
    });
    new Gauge({
      name: 'ecoo_audit_oldest_unchained_seconds',
      help: 'How long the oldest unchained audit entry has waited (0 when none waits)',
      registers,
      aggregator: 'first',
      async collect() {
        this.set((await read()).oldest);
      },
    });
    new Gauge({
      name: 'ecoo_audit_checkpoint_seq',
      help: 'The sequence number the latest signed checkpoint covers',
      registers,
      aggregator: 'first',
      async collect() {
        this.set((await read()).covered);
      },
    });
  }
}
