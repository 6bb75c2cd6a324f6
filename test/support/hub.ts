import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { ChangeNotices } from '../../src/core/database/change-notices/change-notices';
import { createHubApp, RegisteredRoute } from '../../src/create-app';
import { QueueService } from '../../src/core/queue/queue.service';
import { createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';
import { testKeyPair } from './key-pool';
import { forgetNodeIdentity, NodeIdentity, useNodeIdentity } from './exchange';
import { TEST_ADMIN_TOKEN } from './test-env';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A hub booted exactly as production boots it, listening on a free local port. */
export class TestHub {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly baseUrl: string,
    readonly routes: RegisteredRoute[],
    private readonly apiDocument: () => OpenAPIObject,
  ) {}

  /** The hub's OpenAPI document (built when first read). */
  get openApi(): OpenAPIObject {
    return this.apiDocument();
  }

  /**
   * `port` fixes the port (for a HUB_PUBLIC_URL known before start); by default any free one. `env`
   * sets environment variables for this boot only (undefined unsets one): configuration is read as the hub starts.
   */
  /**
   * One of several hubs in a spec (two countries' nodes): a BullMQ prefix of its own under the run's
   * (`<prefix>-<name>`) and the node identity given, on the database the caller selected
   * (own-database.ts); the process's settings are put back once it has started.
   */
  static async startAs(name: string, identity: NodeIdentity, options: { withWorkers?: boolean; port?: number } = {}): Promise<TestHub> {
    const prefix = process.env.HUB_QUEUE_PREFIX;
    process.env.HUB_QUEUE_PREFIX = `${prefix}-${name}`;
    useNodeIdentity(identity);
    try {
      return await TestHub.start(options);
    } finally {
      process.env.HUB_QUEUE_PREFIX = prefix;
      forgetNodeIdentity();
    }
  }

  static async start(options: { withWorkers?: boolean; port?: number; env?: Record<string, string | undefined> } = {}): Promise<TestHub> {
    const env = options.env ?? {};
    const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    setEnv(env);
    let created: Awaited<ReturnType<typeof createHubApp>>;
    try {
      created = await createHubApp({ withWorkers: options.withWorkers ?? true, logger: false });
    } finally {
      setEnv(previous);
    }
    const { app, routes, openApi } = created;
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    return new TestHub(app, `http://127.0.0.1:${address.port}`, routes, openApi);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get queues(): QueueService {
    return this.app.get(QueueService);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // A copy into a plain Uint8Array: what fetch takes as bytes under both the DOM and Node typings.
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  operator<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>(method, path, { token: TEST_ADMIN_TOKEN, body });
  }

  /**
   * Registers an authority and returns an API key for it. An ISSUER gets a signing key, since issuing
   * signs (pass `signingKey: false` for one without): a newly registered one a key of its own PKI,
   * imported as an operator imports one (ownSigningKey); one registered before keeps its key, or gets a
   * development key (POST /v1/pki/dev-keys, which does nothing where it has one).
   */
  async authority(code: string, country: string, roles: string[], options: { signingKey?: boolean } = {}): Promise<string> {
    const registered = await this.operator('POST', '/v1/authorities', { code, name: `${code} authority`, country, roles });
    if (registered.status !== 201 && registered.status !== 409) throw new Error(`register ${code}: ${registered.status} ${registered.text}`);
    if (roles.includes('ISSUER') && options.signingKey !== false) {
      if (registered.status === 201) await this.ownSigningKey(code, country);
      else await this.devSigningKey(code);
    }
    const key = await this.operator('POST', '/v1/api-keys', { authority: code });
    if (key.status !== 201) throw new Error(`key for ${code}: ${key.status} ${key.text}`);
    return key.body.key;
  }

  /**
   * Gives an authority (registered, with no key yet) an ACTIVE signing key of its own PKI: a root CA,
   * registered as its trust anchor, and a CO signing key it issued, imported as PEM. The keys come from
   * the run's pool (test/support/key-pool.ts): the development keys endpoint makes two new RSA keys
   * per call, which a run of hundreds of issuers pays for in CPU; its own specs still call it.
   */
  async ownSigningKey(code: string, country: string): Promise<{ keyId: string; caCertificatePem: string }> {
    const validFrom = new Date(Date.now() - 86_400_000);
    const ca = createDevCa({ commonName: `${code} Root CA`, organizationName: `${code} authority`, countryName: country, validDays: 3650, validFrom, keyPair: testKeyPair() });
    const signer = createDevSigningKey({ ca, subject: { CN: `${code} CO signer`, C: country }, validFrom, validTo: new Date(validFrom.getTime() + 730 * 86_400_000), keyPair: testKeyPair() });
    const anchor = await this.operator('POST', '/v1/pki/trust-anchors', { authority: code, certificatePem: ca.certPem, label: `${code} root (test PKI)` });
    if (anchor.status !== 201) throw new Error(`trust anchor for ${code}: ${anchor.status} ${anchor.text}`);
    const privateKeyPem = signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const key = await this.operator('POST', '/v1/pki/keys/pem', { authority: code, privateKeyPem, certificatePem: signer.certPem });
    if (key.status !== 201) throw new Error(`signing key for ${code}: ${key.status} ${key.text}`);
    return { keyId: key.body.id, caCertificatePem: ca.certPem };
  }

  /** Gives an authority (already registered) an ACTIVE development signing key unless it has one. */
  async devSigningKey(code: string): Promise<{ keyId: string; outcome: string; caCertificatePem?: string }> {
    const res = await this.operator('POST', '/v1/pki/dev-keys', { authorities: [code] });
    if (res.status !== 200) throw new Error(`dev signing key for ${code}: ${res.status} ${res.text}`);
    return res.body.results[0];
  }

  async trader(id: string, country: string): Promise<string> {
    const registered = await this.operator('POST', '/v1/traders', { id, name: `${id} trading`, country });
    if (registered.status !== 201 && registered.status !== 409) throw new Error(`register ${id}: ${registered.status} ${registered.text}`);
    const key = await this.operator('POST', '/v1/api-keys', { trader: id });
    if (key.status !== 201) throw new Error(`key for ${id}: ${key.status} ${key.text}`);
    return key.body.key;
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n;
  }

  /**
   * Waits until no job is waiting or active on any queue this hub knows, and no delivery to a
   * recipient served here is due or in flight: those are no jobs, the worker's local relay claims them
   * from PostgreSQL. Like a delayed job, a local delivery waiting for its retry does not count.
   */
  async waitForQueues(timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const depths = await this.queues.depths();
      const busy = Object.values(depths).some((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) > 0);
      const local = await this.count(
        'deliveries d',
        `d.route = 'LOCAL' AND d.status = 'PENDING' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now() OR EXISTS (SELECT 1 FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.outcome = 'IN_FLIGHT'))`,
      );
      if (!busy && local === 0) return;
      if (Date.now() > deadline) throw new Error(`queues still busy: ${JSON.stringify(depths)}, local deliveries due or in flight: ${local}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** How many change notices of `topic` this hub has heard and acted on (its caches evicted), from /metrics. */
  async noticesHeard(topic: string): Promise<number> {
    const text = (await this.operator('GET', '/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`ecoo_change_notices_total{topic="${topic}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  /**
   * Runs a change made behind the hub's back (SQL on its tables) and waits until the hub has heard its
   * change notice, as every process of a deployed hub does before it serves the changed rows: waits
   * for the notice itself, never for a clock.
   */
  async changeBehindItsBack(topic: string, change: () => Promise<unknown>): Promise<void> {
    const before = await this.noticesHeard(topic);
    await change();
    while ((await this.noticesHeard(topic)) <= before) await new Promise((r) => setTimeout(r, 10));
  }

  /**
   * Holds back the change notices this hub's LISTEN connection receives until `release`, as a notice
   * can reach a process after the answer to the change that sent it (it comes on a connection of its
   * own). What the hub answers meanwhile is what it knows of its own changes without their notices;
   * `arrived` waits for the first notice held, so a spec knows one was indeed due. Release replays them.
   */
  holdNotices(): { arrived: () => Promise<void>; release: () => void } {
    const client = (this.app.get(ChangeNotices) as unknown as { client: Client | null }).client;
    if (!client) throw new Error('This hub does not listen for change notices');
    const handlers = client.listeners('notification') as ((message: Notification) => void)[];
    const held: Notification[] = [];
    const waiting: (() => void)[] = [];
    client.removeAllListeners('notification');
    client.on('notification', (message: Notification) => {
      held.push(message);
      for (const done of waiting.splice(0)) done();
    });
    return {
      // PostgreSQL sends a notice on the LISTEN connection after the commit, and it may reach this
      // process after the answer of the request that committed, or of the next one: wait for it rather
      // than for a clock (jest's timeout bounds the wait).
      arrived: () => (held.length > 0 ? Promise.resolve() : new Promise<void>((done) => waiting.push(done))),
      release: () => {
        client.removeAllListeners('notification');
        for (const handler of handlers) client.on('notification', handler);
        for (const message of held.splice(0)) for (const handler of handlers) handler(message);
      },
    };
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

export { TEST_ADMIN_TOKEN };
