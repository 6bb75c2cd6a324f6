import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Client } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { databaseConfig } from '../../config/hub.config';
import { HubMode } from '../../config/hub-mode';
import { MetricsService } from '../../metrics/metrics.service';
import { ReferenceCache } from './reference-cache';

/** The one channel every process of the hub listens on; a notice's payload is "topic\nkey". */
export const CHANGE_CHANNEL = 'ecoo_reference_changed';
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * Change notices for reference data cached in each process (issue 14). Triggers on the reference
 * tables send NOTIFY inside the changing transaction (migration ReferenceChangeNotices), whoever
 * changes them, so PostgreSQL delivers it to every listening process exactly when it commits; a
 * changing process may also evict its own entries at once. Each process holds one LISTEN connection: until it is
 * listening, and whenever it drops, every cache is emptied and serves nothing, so a change made while
 * no notice could be heard is never missed. In trial mode (the embedded database has no LISTEN
 * connection of its own) nothing is cached: every read goes to the database, as it did before.
 */
@Injectable()
export class ChangeNotices implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeNotices.name);
  private readonly caches = new Map<string, ReferenceCache<unknown>[]>();
  private readonly listeners: ((topic: string, key: string | undefined) => void)[] = [];
  private client: Client | null = null;
  private listening: boolean;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | null = null;

  private readonly heard?: Counter<'topic'>;
  private readonly lostCount?: Counter;

  /** `metrics` absent: a command-line tool's, which never listens, so its caches never serve (every read loads). */
  constructor(@Inject(databaseConfig.KEY) private readonly database: ConfigType<typeof databaseConfig>, @Optional() metrics?: MetricsService) {
    this.listening = false;
    if (!metrics) {
      this.stopped = true;
      return;
    }
    // Counted once the notice's evictions are done: a reader of the count knows they took effect.
    this.heard = new Counter({ name: 'ecoo_change_notices_total', help: 'Change notices of reference data heard by this process, by topic', labelNames: ['topic'], registers: [metrics.registry] });
    // Counted once the caches are emptied.
    this.lostCount = new Counter({ name: 'ecoo_change_notices_lost_total', help: 'Times the LISTEN connection of change notices was lost (every reference cache emptied)', registers: [metrics.registry] });
    const listening = () => this.listening;
    new Gauge({
      name: 'ecoo_change_notices_listening',
      help: 'Whether this process hears change notices (1), so its reference caches serve; under npm start, whether every process does',
      registers: [metrics.registry],
      // Aggregated over `npm start`'s processes, the least of them: 0 when any one is deaf (summed, three processes read 3, and one deaf process still 2).
      aggregator: 'min',
      collect() {
        this.set(listening() ? 1 : 0);
      },
    });
  }

  /** Whether this process hears every change now (caches serve only then). */
  get live(): boolean {
    return this.listening;
  }

  /** A cache of the topic's reference data, evicted by the topic's notices. */
  cache<V>(topic: string, maxEntries?: number): ReferenceCache<V> {
    const cache = new ReferenceCache<V>(topic, () => this.listening, maxEntries);
    this.caches.set(topic, [...(this.caches.get(topic) ?? []), cache as ReferenceCache<unknown>]);
    return cache;
  }

  /** Told of every notice heard (and of a flush, with topic '*', when the connection drops). */
  onChange(listener: (topic: string, key: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  /** Evicts this process's entries of a topic (one key, or all). */
  evict(topic: string, key?: string): void {
    for (const cache of this.caches.get(topic) ?? []) cache.evict(key);
    for (const listener of this.listeners) listener(topic, key);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.database.mode === HubMode.TRIAL || this.stopped) return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    this.drop();
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.database.mode !== HubMode.SERVER) return;
    const client = new Client({ connectionString: this.database.url, application_name: 'ecoo-hub-notices' });
    client.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const [topic, key] = (message.payload ?? '').split('\n');
      this.evict(topic, key === '' || key === undefined ? undefined : key);
      this.heard?.inc({ topic });
    });
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.drop();
      client.end().catch(() => undefined);
      if (!this.stopped) this.logger.warn(`Change notices lost (${reason}): reference caches emptied until listening again`);
      this.lostCount?.inc();
      this.retry();
    };
    client.on('error', (error) => lost(error.message));
    client.on('end', () => lost('connection ended'));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      lost(error instanceof Error ? error.message : String(error));
      return;
    }
    if (this.client !== client) return;
    // Listening from here on: anything cached before could have missed a change, so start empty.
    this.flushAll();
    this.listening = true;
    this.retryMs = RETRY_MIN_MS;
  }

  private drop(): void {
    this.listening = false;
    this.flushAll();
  }

  private flushAll(): void {
    for (const caches of this.caches.values()) for (const cache of caches) cache.evict();
    for (const listener of this.listeners) listener('*', undefined);
  }

  private retry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
