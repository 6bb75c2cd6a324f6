import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { queueConfig } from '../config/hub.config';
import { HubMode } from '../config/hub-mode';
import { EmbeddedQueueStore } from './embedded-queue-store';
import { QUEUE_STORE, QueueStore } from './queue-store';
import { QueueService } from './queue.service';
import { RedisQueueStore } from './redis-queue-store';

@Global()
@Module({
  providers: [
    {
      provide: QUEUE_STORE,
      inject: [queueConfig.KEY],
      useFactory: async (config: ConfigType<typeof queueConfig>): Promise<QueueStore> =>
        config.mode === HubMode.TRIAL ? EmbeddedQueueStore.open(config.dataDir) : new RedisQueueStore(config.redisUrl, config.queuePrefix),
    },
    QueueService,
  ],
  exports: [QueueService],
})
export class QueueModule {}
