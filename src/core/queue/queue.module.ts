import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigType } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { queueConfig } from '../config/hub.config';
import { HubMode } from '../config/hub-mode';
import { EmbeddedQueueStore } from './embedded-queue-store';
import { JobRegistry } from './job-registry';
import { QueueBoard } from './queue-board';
import { queueTuningConfig } from './queue.config';
import { QUEUE_STORE, QueueStore } from './queue-store';
import { QueueService } from './queue.service';
import { RedisQueueStore } from './redis-queue-store';

@Global()
@Module({
  imports: [ConfigModule.forFeature(queueTuningConfig), DiscoveryModule],
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
  ],
  exports: [QueueService, QueueBoard, JobRegistry],
})
export class QueueModule {}
