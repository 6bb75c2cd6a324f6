import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { ConfigModule, ConfigService, ConfigType } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock/clock';
import { AllConfig, HubConfig, databaseConfig, hubConfig, queueConfig } from './config/hub.config';
import { HubMode } from './config/hub-mode';
import { ChangeNotices } from './database/change-notices/change-notices';
import { dataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { IdempotencyKeyEntity } from './http/idempotency-key.entity';
import { IdempotencyRecords } from './http/idempotency-records';
import { PublicRateLimitEntity } from './http/rate-limit/public-rate-limit.entity';
import { PublicRateLimiter } from './http/rate-limit/public-rate-limiter';
import { OutboundHttp } from './http/outbound/outbound-http';
import { outboundConfig } from './http/outbound/outbound.config';
import { HubLoggerModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { EmbeddedQueueStore } from './queue/embedded-queue-store';
import { JobRegistry } from './queue/job-registry';
import { QueueBoard } from './queue/queue-board';
import { queueTuningConfig } from './queue/queue.config';
import { QUEUE_STORE, QueueStore } from './queue/queue-store';
import { QueueService } from './queue/queue.service';
import { RedisQueueStore } from './queue/redis-queue-store';
import { SealedSecretsCheck } from './secrets/sealed-secrets-check';
import { UnitOfWork } from './unit-of-work/unit-of-work';
import { UnitOfWorkFlush } from './unit-of-work/unit-of-work-flush';

/**
 * The ground floor every module stands on, global. Always: the clock and the unit of work. The hub's
 * processes (main.ts, worker.ts) take CoreModule.forHub(): configuration from the environment,
 * logging, the database, the queues (Redis, or the embedded store in trial mode), health, metrics
 * and outbound HTTP. A command-line tool takes CoreModule.forCommandLine() as the root of its context,
 * with the feature modules it uses: the database and the settings it passes, nothing else started.
 */
@Global()
@Module({
  providers: [Clock, UnitOfWork, UnitOfWorkFlush],
  exports: [Clock, UnitOfWork],
})
export class CoreModule {
  static forHub(): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [hubConfig, databaseConfig, queueConfig, outboundConfig] }),
        ConfigModule.forFeature(queueTuningConfig),
        DiscoveryModule,
        HubLoggerModule,
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          // Migrations are applied before the app starts (core/database/migrate.ts); never synchronize.
          // Each module registers its own entities (TypeOrmModule.forFeature); src/entities.ts lists them
          // all for the TypeORM CLI, and the foundation spec checks that both agree.
          useFactory: (config: ConfigService<AllConfig, true>) => ({ ...dataSourceOptions(config.getOrThrow('database', { infer: true })), autoLoadEntities: true }),
        }),
        TypeOrmModule.forFeature([IdempotencyKeyEntity, PublicRateLimitEntity]),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        {
          provide: QUEUE_STORE,
          inject: [queueConfig.KEY],
          useFactory: async (config: ConfigType<typeof queueConfig>): Promise<QueueStore> =>
            config.mode === HubMode.TRIAL ? EmbeddedQueueStore.open(config.dataDir) : new RedisQueueStore(config.redisUrl, config.queuePrefix),
        },
        QueueService,
        QueueBoard,
        JobRegistry,
        MetricsService,
        OutboundHttp,
        IdempotencyRecords,
        PublicRateLimiter,
        ChangeNotices,
        SealedSecretsCheck,
      ],
      exports: [QueueService, QueueBoard, JobRegistry, MetricsService, OutboundHttp, IdempotencyRecords, PublicRateLimiter, ChangeNotices],
    };
  }

  static forCommandLine(tool: { databaseUrl: string; hub: Partial<HubConfig>; features: NonNullable<ModuleMetadata['imports']> }): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(tool.databaseUrl), autoLoadEntities: true }), ...tool.features],
      providers: [
        { provide: hubConfig.KEY, useValue: tool.hub },
        // A tool that runs once hears no change notices: nothing is cached, every read loads.
        { provide: databaseConfig.KEY, useValue: { mode: HubMode.SERVER, url: tool.databaseUrl } },
        ChangeNotices,
      ],
      exports: [hubConfig.KEY, ChangeNotices],
    };
  }
}
