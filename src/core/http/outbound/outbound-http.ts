import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Pool } from 'undici';
import type { Readable } from 'node:stream';
import { DestinationProblem, urlProblems } from './destination-policy';
import { DestinationRefusedError, guardedLookup, serverResolver, systemResolver } from './guarded-lookup';
import { outboundConfig } from './outbound.config';

export interface OutboundRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Covers the whole exchange: connecting, sending, and reading the answer's body. */
  timeoutMs: number;
  /** The answer's body is read up to this many bytes, then dropped. */
  maxResponseBytes: number;
  /** Requests with the same key share a keep-alive pool per origin (a partner's, a subscriber's); default one per origin. */
  pool?: { key: string; connections?: number };
}

/** What came of an outbound request; it never throws for what the other side or the network did. */
export type OutboundResult =
  | { kind: 'RESPONSE'; status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; truncated: boolean }
  | { kind: 'TIMEOUT'; afterMs: number }
  | { kind: 'NETWORK_ERROR'; code: string }
  | { kind: 'REFUSED'; problems: DestinationProblem[] };

// Pools idle this long close their connections; a partner that sends again opens new ones.
const KEEP_ALIVE_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;
// Webhook subscribers can be many: past this many pools the least recently used one is closed.
const MAX_POOLS = 1024;

async function readCapped(body: Readable, max: number): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      return { body: Buffer.concat(chunks).subarray(0, max), truncated: size > max };
    }
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function refusal(error: unknown): DestinationRefusedError | undefined {
  for (let e = error as { cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e instanceof DestinationRefusedError) return e;
  }
  return undefined;
}

/**
 * The hub's one outbound HTTP connector (README, "Outbound connections"): every request to a partner,
 * and later to webhook subscribers and partners that only offer pull, goes through it. It refuses
 * URLs the destination policy forbids, checks each address a host name resolves to as the socket
 * connects, never follows redirects, and keeps connections alive in a pool per origin (and per key).
 */
@Injectable()
export class OutboundHttp implements OnModuleDestroy {
  private readonly pools = new Map<string, Pool>();
  private readonly lookup;

  constructor(@Inject(outboundConfig.KEY) private readonly config: ConfigType<typeof outboundConfig>) {
    this.lookup = guardedLookup(config.dnsServers.length > 0 ? serverResolver(config.dnsServers) : systemResolver(), config.policy);
  }

  /** Why a URL may not be a destination (for registrations: answered as 422), empty when it may. */
  destinationProblems(url: string): DestinationProblem[] {
    return urlProblems(url, this.config.policy);
  }

  async request(request: OutboundRequest): Promise<OutboundResult> {
    // Checked on every request too: the policy may have tightened since the URL was registered.
    const problems = this.destinationProblems(request.url);
    if (problems.length > 0) return { kind: 'REFUSED', problems };
    const url = new URL(request.url);
    const signal = AbortSignal.timeout(request.timeoutMs);
    try {
      const response = await this.poolFor(url.origin, request.pool).request({
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
      });
      const read = await readCapped(response.body, request.maxResponseBytes);
      return { kind: 'RESPONSE', status: response.statusCode, headers: response.headers, ...read };
    } catch (error) {
      const refused = refusal(error);
      if (refused) return { kind: 'REFUSED', problems: [refused.problem] };
      if (signal.aborted) return { kind: 'TIMEOUT', afterMs: request.timeoutMs };
      const code = (error as { code?: unknown }).code;
      return { kind: 'NETWORK_ERROR', code: typeof code === 'string' ? code : 'NETWORK_ERROR' };
    }
  }

  async onModuleDestroy(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private poolFor(origin: string, options: OutboundRequest['pool']): Pool {
    const key = `${options?.key ?? ''} ${origin}`;
    let pool = this.pools.get(key);
    if (pool) {
      // Most recently used last, so the first entry is the one to close when there are too many.
      this.pools.delete(key);
    } else {
      pool = new (undiciPool())(origin, { connections: options?.connections ?? null, keepAliveTimeout: KEEP_ALIVE_MS, connect: { lookup: this.lookup, timeout: CONNECT_TIMEOUT_MS } });
    }
    this.pools.set(key, pool);
    if (this.pools.size > MAX_POOLS) {
      const [oldestKey, oldest] = this.pools.entries().next().value as [string, Pool];
      this.pools.delete(oldestKey);
      void oldest.close();
    }
    return pool;
  }
}

/** undici (over a hundred modules) is loaded by the first request a process sends out, not by every process at start. */
function undiciPool(): typeof Pool {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (require('undici') as typeof import('undici')).Pool;
}
