import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock/clock';
import { verificationConfig } from '../verification.config';

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

/**
 * Fixed windows counted in PostgreSQL, one UPSERT per request: the row of a client is moved to the
 * current window (and its count restarted) or counted up, atomically, whichever API process serves it.
 */
@Injectable()
export class PublicRateLimiter {
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(verificationConfig.KEY) private readonly config: ConfigType<typeof verificationConfig>,
  ) {}

  /** Counts `attempts` (a batch's references: one each) and says how many of them the limit lets through. */
  async consume(scope: string, clientKey: string, attempts = 1): Promise<RateDecision> {
    const windowMs = this.config.publicRateWindowSeconds * 1000;
    const now = this.clock.now().getTime();
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const [row]: { hits: number }[] = await this.dataSource.query(
      `INSERT INTO public_rate_limits AS r (scope, client_key, window_start, hits) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, client_key) DO UPDATE
         SET hits = CASE WHEN r.window_start = EXCLUDED.window_start THEN r.hits + EXCLUDED.hits ELSE EXCLUDED.hits END,
             window_start = EXCLUDED.window_start
       RETURNING hits`,
      [scope, clientKey, windowStart, attempts],
    );
    const limit = this.config.publicRateLimit;
    if (row.hits === attempts) await this.prune(windowStart, now, windowMs);
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
