import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock/clock';
import { AllConfig, databaseConfig, hubConfig, queueConfig } from './config/hub.config';
import { ChangeNotices } from './database/change-notices/change-notices';
import { dataSourceOptions } from './database/data-source';
import { IdempotencyKeyEntity } from './http/idempotency-key.entity';
import { HealthController } from './health/health.controller';
import { OutboundHttp } from './http/outbound/outbound-http';
import { outboundConfig } from './http/outbound/outbound.config';
import { HubLoggerModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { QueueModule } from './queue/queue.module';
import { UnitOfWork } from './unit-of-work/unit-of-work';
import { UnitOfWorkFlush } from './unit-of-work/unit-of-work-flush';

@Global()
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [hubConfig, databaseConfig, queueConfig, outboundConfig] }),
    HubLoggerModule,
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      // Migrations are applied before the app starts (core/database/migrate.ts); never synchronize.
      // Each module registers its own entities (TypeOrmModule.forFeature); src/entities.ts lists them
      // all for the TypeORM CLI, and the foundation spec checks that both agree.
      useFactory: (config: ConfigService<AllConfig, true>) => ({ ...dataSourceOptions(config.getOrThrow('database', { infer: true })), autoLoadEntities: true }),
    }),
    TypeOrmModule.forFeature([IdempotencyKeyEntity]),
    QueueModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [Clock, MetricsService, UnitOfWork, UnitOfWorkFlush, OutboundHttp, ChangeNotices],
  exports: [Clock, MetricsService, UnitOfWork, OutboundHttp, ChangeNotices],
})
export class CoreModule {}
