import { Injectable } from '@nestjs/common';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueService } from '../queue/queue.service';

/** Prometheus metrics: request durations, certificates by status, queue depth. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(dataSource: DataSource, queues: QueueService) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ecoo_' });
    this.httpDuration = new Histogram({
      name: 'ecoo_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'ecoo_certificates',
      help: 'Certificates by issuer status',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows: { status: string; count: string }[] = await dataSource.query('SELECT status, count(*)::text AS count FROM certificates GROUP BY status');
        this.reset();
        for (const row of rows) this.set({ status: row.status }, Number(row.count));
      },
    });
    new Gauge({
      name: 'ecoo_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [queue, counts] of Object.entries(await queues.depths())) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }
}
