import { Global, Module } from '@nestjs/common';
import { QueueBoard } from './queue-board';
import { QueueService } from './queue.service';

@Global()
@Module({ providers: [QueueService, QueueBoard], exports: [QueueService, QueueBoard] })
export class QueueModule {}
