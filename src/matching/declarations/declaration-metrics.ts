import { Injectable, OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../../core/metrics/metrics.service';

/** Matching's own metric: the declarations this process recorded, by match status (the hub-wide gauges are reporting's). */
@Injectable()
export class DeclarationMetrics implements OnModuleInit {
  private recorded?: Counter<'status'>;

  constructor(private readonly metrics: MetricsService) {}

  onModuleInit(): void {
    this.recorded = new Counter({ name: 'ecoo_import_declarations_recorded_total', help: 'Import declarations recorded by this process, by match status', labelNames: ['status'], registers: [this.metrics.registry] });
  }

  declarationRecorded(status: string): void {
    this.recorded?.inc({ status });
  }
}
