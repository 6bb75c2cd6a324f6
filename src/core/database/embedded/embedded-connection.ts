import type { PGlite } from '@electric-sql/pglite';
import { PglitePgConnection } from '@electric-sql/pglite/node-postgres';
import { BackendMessage, EmbeddedPostgres, SessionConnection } from './embedded-postgres';

/**
 * What node-postgres takes for a socket: PGlite's own wire-protocol adapter, with every message sent
 * through the session lease of the embedded database instead of straight to PGlite (where messages
 * of different connections would interleave inside one session).
 */
export class EmbeddedConnection extends PglitePgConnection implements SessionConnection {
  private pending = 0;
  private ending = false;

  constructor(
    private readonly database: Promise<EmbeddedPostgres>,
    readonly searchPath: string,
  ) {
    const self: { connection?: EmbeddedConnection } = {};
    const port = {
      waitReady: database.then(() => undefined),
      execProtocolStream: (message: Uint8Array) => self.connection!.send(message),
    };
    super({ pglite: port as unknown as PGlite });
    self.connection = this;
  }

  override async connect(port: number, host: string): Promise<void> {
    try {
      (await this.database).attach(this);
    } catch (error) {
      // node-postgres fails the connect on an 'error' event; a rejected promise it would not see.
      this.emit('error', error);
      return;
    }
    return super.connect(port, host);
  }

  override end(): void {
    this.ending = true;
    if (this.pending === 0) void this.detach();
    super.end();
  }

  private async send(message: Uint8Array): Promise<BackendMessage[]> {
    this.pending++;
    try {
      return await (await this.database).execute(this, message);
    } finally {
      this.pending--;
      if (this.ending && this.pending === 0) void this.detach();
    }
  }

  private async detach(): Promise<void> {
    await (await this.database).detach(this).catch(() => undefined);
  }
}
