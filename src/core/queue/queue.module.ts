import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { QueueBoard } from './queue-board';
import { queueConfig } from './queue.config';
import { QueueService } from './queue.service';

@Global()
@Module({ imports: [ConfigModule.forFeature(queueConfig)], providers: [QueueService, QueueBoard], exports: [QueueService, QueueBoard] })
export class QueueModule {}
