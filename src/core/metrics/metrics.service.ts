import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { AggregatorRegistry, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { clusterMetrics, inCluster } from './cluster-metrics';
import { hubConfig } from '../config/hub.config';
import { QueueService } from '../queue/queue.service';

/** Prometheus metrics: the registry every module adds to, request durations, queue depth. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(queues: QueueService, @Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ecoo_' });
    // Under `npm start` the primary asks each process for this registry and adds them up.
    // (prom-client answers the primary's requests once an AggregatorRegistry exists in the process.)
    if (inCluster()) {
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.registry]);
    }
    // So a dashboard shows when it is looking at a trial hub (embedded database, one machine).
    // Gauges every process reports alike are taken once, not summed, when the processes are aggregated.
    new Gauge({ name: 'ecoo_hub_mode', help: 'The mode the hub runs in (1 for the current one)', labelNames: ['mode'], registers: [this.registry], aggregator: 'first' }).set({ mode: config.mode }, 1);
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
      aggregator: 'first',
      async collect() {
        this.reset();
        for (const [queue, counts] of Object.entries(await queues.depths())) {
          for (const [state, count] of Object.entries(counts)) this.set({ queue, state }, count);
        }
      },
    });
  }

  /** The metrics in Prometheus' text format: of every process when `npm start` runs several, else of this one. */
  async text(): Promise<string> {
    return inCluster() ? clusterMetrics() : this.registry.metrics();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }
}
