import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../core/metrics/metrics.service';

/**
 * The certificates by issuer status, on the hub's registry: read from PostgreSQL at each scrape. Every
 * process reads the same hub-wide counts, so when `npm start` aggregates its processes' metrics the
 * gauge is taken once (aggregator 'first'): summed, two API processes and the worker reported each
 * certificate three times.
 */
@Injectable()
export class CertificateGauges implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const dataSource = this.dataSource;
    new Gauge({
      name: 'ecoo_certificates',
      help: 'Certificates by issuer status',
      labelNames: ['status'],
      registers: [this.metrics.registry],
      aggregator: 'first',
      async collect() {
        const rows: { status: string; count: string }[] = await dataSource.query('SELECT status, count(*)::text AS count FROM certificates GROUP BY status');
        this.reset();
        for (const row of rows) this.set({ status: row.status }, Number(row.count));
      },
    });
  }
}
