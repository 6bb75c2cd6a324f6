import { Client, ClientConfig, Pool, PoolConfig } from 'pg';
import { EmbeddedConnection } from './embedded-connection';
import { EmbeddedHandle, EmbeddedPostgres } from './embedded-postgres';

export interface EmbeddedPoolConfig extends PoolConfig {
  /** The trial data directory (HUB_DATA_DIR). */
  dataDir: string;
  /** The schema this pool's statements run in (BullMQ keeps its tables in `bullmq`). */
  searchPath?: string;
}

/**
 * A node-postgres Pool whose clients talk to the embedded database. Everything above it (TypeORM's
 * query runners, BullMQ's PostgreSQL backend) is node-postgres code used exactly as with a server:
 * same type parsing, same errors. A client costs no socket, so `max` only bounds how many wait.
 */
export class EmbeddedPool extends Pool {
  private readonly handle: EmbeddedHandle;

  constructor(config: EmbeddedPoolConfig) {
    const { dataDir, searchPath = 'public', ...poolConfig } = config;
    const handle = EmbeddedPostgres.use(dataDir);
    class EmbeddedClient extends Client {
      constructor(clientConfig: ClientConfig) {
        super({ ...clientConfig, connection: new EmbeddedConnection(handle.database, searchPath) } as ClientConfig);
      }
    }
    super({ ...poolConfig, Client: EmbeddedClient as unknown as PoolConfig['Client'] });
    this.handle = handle;
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | void {
    // The last pool to end closes the database (a clean shutdown of PostgreSQL) before this resolves.
    const ended = super.end().finally(() => this.handle.release());
    if (!callback) return ended;
    ended.then(
      () => callback(),
      () => callback(),
    );
  }
}

/** The `driver` TypeORM's postgres driver takes in place of the `pg` module. */
export function embeddedPgDriver(dataDir: string): { Pool: new (config: PoolConfig) => Pool } {
  return {
    Pool: class extends EmbeddedPool {
      constructor(config: PoolConfig) {
        super({ ...config, dataDir });
      }
    },
  };
}
