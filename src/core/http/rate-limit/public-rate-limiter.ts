import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createHash, createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../clock/clock';
import { hubConfig } from '../../config/hub.config';
import { OneAddressWatch, addressBucket } from '../client-address';

export interface RateDecision {
  /** Every attempt counted is within the limit. */
  allowed: boolean;
  /** How many of the attempts counted are within the limit (the first ones). */
  granted: number;
  limit: number;
  remaining: number;
  // Seconds until the current window ends (for Retry-After).
  resetSeconds: number;
}

export interface RateBudget {
  limit: number;
  windowSeconds: number;
}

// Callers past the cap of counted addresses share this one row per scope (and its budget).
export const OVERFLOW_CLIENT = 'overflow';

/**
 * Fixed windows counted in PostgreSQL, one UPSERT per request: the row of a client is moved to the
 * current window (and its count restarted) or counted up, atomically, whichever API process serves
 * it. A client is its address bucket (an IPv6 /64, client-address.ts) as a keyed hash, and a scope
 * counts at most HUB_PUBLIC_RATE_MAX_CLIENTS of them: past that, new clients share one budget, so
 * a caller cycling through addresses fills neither the table nor the limit of others.
 */
@Injectable()
export class PublicRateLimiter {
  private readonly logger = new Logger('PublicRateLimiter');
  private readonly key: Buffer;
  private readonly maxClients: number;
  private lastPrune = 0;
  private readonly oneAddress: OneAddressWatch;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>,
  ) {
    this.key = createHash('sha256').update(`ecoo-rate-limit:${config.adminToken}`).digest();
    this.maxClients = config.publicRateMaxClients;
    this.oneAddress = new OneAddressWatch(config.trustedProxies !== false);
  }

  /** The keyed hash a client address is counted under (never the address itself). */
  clientKey(address: string): string {
    return createHmac('sha256', this.key).update(addressBucket(address)).digest('hex').slice(0, 32);
  }

  /** Counts `attempts` (a batch's references: one each) and says how many of them the limit lets through. */
  async consume(scope: string, address: string, budget: RateBudget, attempts = 1): Promise<RateDecision> {
    const warning = this.oneAddress.observe(address);
    if (warning) this.logger.warn(warning);
    const windowMs = budget.windowSeconds * 1000;
    const now = this.clock.now().getTime();
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const clientKey = this.clientKey(address);
    // TypeORM answers an UPDATE ... RETURNING as [rows, affected].
    const [updated]: [{ hits: number }[], number] = await this.dataSource.query(
      `UPDATE public_rate_limits AS r SET hits = CASE WHEN r.window_start = $3 THEN r.hits + $4::int ELSE $4::int END, window_start = $3
        WHERE scope = $1 AND client_key = $2 RETURNING hits`,
      [scope, clientKey, windowStart, attempts],
    );
    let row: { hits: number } | undefined = updated[0];
    if (!row) {
      await this.prune(windowStart, now, windowMs);
      // A new client takes a row of its own only while the scope counts fewer than the cap.
      [row] = await this.dataSource.query(
        `INSERT INTO public_rate_limits AS r (scope, client_key, window_start, hits)
           SELECT $1::varchar, $2::varchar, $3::timestamptz, $5::int WHERE (SELECT count(*) FROM public_rate_limits WHERE scope = $1::varchar) < $4::int
         ON CONFLICT (scope, client_key) DO UPDATE
           SET hits = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.hits + EXCLUDED.hits ELSE EXCLUDED.hits END,
               window_start = EXCLUDED.window_start
         RETURNING hits`,
        [scope, clientKey, windowStart, this.maxClients, attempts],
      );
    }
    if (!row) {
      const [overflow]: { hits: number }[] = await this.dataSource.query(
        `INSERT INTO public_rate_limits AS r (scope, client_key, window_start, hits) VALUES ($1, $2, $3, $4)
         ON CONFLICT (scope, client_key) DO UPDATE
           SET hits = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.hits + EXCLUDED.hits ELSE EXCLUDED.hits END,
               window_start = EXCLUDED.window_start
         RETURNING hits`,
        [scope, OVERFLOW_CLIENT, windowStart, attempts],
      );
      row = overflow;
    }
    if (row.hits === attempts) await this.prune(windowStart, now, windowMs);
    const limit = budget.limit;
    return {
      allowed: row.hits <= limit,
      granted: Math.max(0, Math.min(attempts, limit - (row.hits - attempts))),
      limit,
      remaining: Math.max(0, limit - row.hits),
      resetSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now) / 1000)),
    };
  }

  // Rows of clients that stopped calling: removed at most once per window by each process.
  private async prune(windowStart: Date, now: number, windowMs: number): Promise<void> {
    if (now - this.lastPrune < windowMs) return;
    this.lastPrune = now;
    await this.dataSource.query('DELETE FROM public_rate_limits WHERE window_start < $1', [windowStart]);
  }
}
