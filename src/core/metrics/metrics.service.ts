import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { hubConfig } from '../config/hub.config';
import { QueueService } from '../queue/queue.service';

/** Prometheus metrics: the registry every module adds to, request durations, queue depth. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(queues: QueueService, @Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ecoo_' });
    // So a dashboard shows when it is looking at a trial hub (embedded database, one machine).
    new Gauge({ name: 'ecoo_hub_mode', help: 'The mode the hub runs in (1 for the current one)', labelNames: ['mode'], registers: [this.registry] }).set({ mode: config.mode }, 1);
    this.httpDuration = new Histogram({
      name: 'ecoo_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
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
