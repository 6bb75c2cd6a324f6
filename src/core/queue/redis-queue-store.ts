import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { HubProcessor, HubQueue, HubWorker, HubWorkerOptions, QueueStore } from './queue-store';

/** Server mode: BullMQ on Redis, one connection for the queues and one per worker. */
export class RedisQueueStore implements QueueStore {
  readonly healthCheck = 'redis';
  private readonly logger = new Logger('Queues');
  private readonly connection: Redis;
  // BullMQ leaves a connection it was given open when its worker closes: these are closed here.
  private readonly workerConnections: Redis[] = [];

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.connection = new IORedis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (err) => this.logger.warn(`Redis: ${err.message}`));
  }

  get description(): string {
    return `Redis, prefix "${this.prefix}"`;
  }

  queue(name: string): HubQueue {
    return new Queue(name, { connection: this.connection, prefix: this.prefix }) as unknown as HubQueue;
  }

  worker(name: string, processor: HubProcessor, options: HubWorkerOptions): HubWorker {
    const connection = this.connection.duplicate({ maxRetriesPerRequest: null });
    this.workerConnections.push(connection);
    const worker = new Worker(name, processor, { ...options, connection, prefix: this.prefix });
    // A worker closed while the process runs on (one of a pool that opens and closes workers) takes
    // its connection with it, so closed workers do not pile up connections.
    worker.once('closed', () => {
      const index = this.workerConnections.indexOf(connection);
      if (index >= 0) this.workerConnections.splice(index, 1);
      connection.disconnect();
    });
    return worker as unknown as HubWorker;
  }

  async ping(): Promise<void> {
    const answer = await this.connection.ping();
    if (answer !== 'PONG') throw new Error(`Redis answered ${answer}`);
  }

  async close(): Promise<void> {
    for (const connection of this.workerConnections) connection.disconnect();
    this.connection.disconnect();
  }
}
