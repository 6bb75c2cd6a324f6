import { Queue, Worker, createPostgresBackend, runMigrations } from 'bullmq';
import { EmbeddedPool } from '../database/embedded/embedded-pool';
import { HubProcessor, HubQueue, HubWorker, HubWorkerOptions, QueueStore } from './queue-store';

// BullMQ's PostgreSQL backend keeps its tables and functions in a schema of their own, beside the
// hub's (which TypeORM's migrations own and `migration:check` compares).
const BULLMQ_SCHEMA = 'bullmq';
// Every worker holds one client for LISTEN; clients of the embedded database are no sockets.
const POOL_SIZE = 200;

/**
 * Trial mode: BullMQ's PostgreSQL backend on the embedded database the hub's data lives in, through
 * the same session lease as TypeORM. Jobs wake workers through LISTEN/NOTIFY within the process.
 */
export class EmbeddedQueueStore implements QueueStore {
  readonly healthCheck = 'queues';

  private constructor(private readonly pool: EmbeddedPool) {}

  /** Opens the pool and brings BullMQ's schema up to date (a pool of our own gets no `migrate: true`). */
  static async open(dataDir: string): Promise<EmbeddedQueueStore> {
    // keepAlive tells BullMQ its LISTEN client cannot silently drop (none can: it is in process).
    const pool = new EmbeddedPool({ dataDir, searchPath: BULLMQ_SCHEMA, max: POOL_SIZE, keepAlive: true });
    // Every BullMQ queue and worker listens for the pool's errors.
    pool.setMaxListeners(0);
    try {
      const client = await pool.connect();
      try {
        await runMigrations(client, BULLMQ_SCHEMA);
      } finally {
        client.release();
      }
      return new EmbeddedQueueStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  get description(): string {
    return `BullMQ PostgreSQL backend on the embedded database, schema "${BULLMQ_SCHEMA}"`;
  }

  queue(name: string): HubQueue {
    return new Queue(name, { connection: this.pool }, createPostgresBackend) as unknown as HubQueue;
  }

  worker(name: string, processor: HubProcessor, options: HubWorkerOptions): HubWorker {
    return new Worker(name, processor, { ...options, connection: this.pool }, createPostgresBackend) as unknown as HubWorker;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
