import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { sameSecret } from '../../core/auth/bearer';
import { Clock } from '../../core/clock/clock';
import { hubConfig } from '../../core/config/hub.config';
import { addressBucket } from '../../core/http/client-address';

// A working day; the operator signs in again after that.
export const OPS_SESSION_SECONDS = 8 * 60 * 60;
// Failed sign-ins per address bucket and window: the operator token cannot be guessed this way, and
// an operator who mistyped it ten times waits a quarter of an hour.
export const SIGN_IN_LIMIT = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export type SignIn = { kind: 'SIGNED_IN'; sessionId: string; maxAgeSeconds: number } | { kind: 'REFUSED' } | { kind: 'THROTTLED'; retryAfterSeconds: number };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Sessions of the operator pages (/ops): signing in with the operator token opens one, identified
 * by a random id that only the browser holds (the hub keeps its hash), never by the token itself.
 * Sign-in attempts are counted per client address in PostgreSQL, so the limit holds across API processes.
 */
@Injectable()
export class OperatorSessionsService {
  private readonly adminToken: string;
  private readonly operatorDigest: string;
  private readonly clientKeyBase: Buffer;
  private lastPrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(hubConfig.KEY) config: ConfigType<typeof hubConfig>,
  ) {
    this.adminToken = config.adminToken;
    // Sessions die with the token they were opened with: rotating HUB_ADMIN_TOKEN signs every browser out.
    this.operatorDigest = sha256(`ecoo-operator-session:${config.adminToken}`);
    // Addresses are stored as keyed hashes, never as they are.
    this.clientKeyBase = createHash('sha256').update(`ecoo-operator-sign-in:${config.adminToken}`).digest();
  }

  async signIn(token: string, address: string): Promise<SignIn> {
    const now = this.clock.now();
    const windowMs = SIGN_IN_WINDOW_SECONDS * 1000;
    const clientKey = createHmac('sha256', this.clientKeyBase).update(addressBucket(address)).digest('hex');
    // Counted before the token is compared, in one statement, so attempts sent in parallel cannot
    // all pass the check before any is counted.
    const [row]: { attempts: number; window_start: Date }[] = await this.dataSource.query(
      `INSERT INTO operator_sign_in_attempts AS a (client_key, window_start, attempts) VALUES ($1, $2, 1)
       ON CONFLICT (client_key) DO UPDATE
         SET attempts = CASE WHEN a.window_start > $3 THEN a.attempts + 1 ELSE 1 END,
             window_start = CASE WHEN a.window_start > $3 THEN a.window_start ELSE EXCLUDED.window_start END
       RETURNING attempts, window_start`,
      [clientKey, now, new Date(now.getTime() - windowMs)],
    );
    if (row.attempts > SIGN_IN_LIMIT) {
      return { kind: 'THROTTLED', retryAfterSeconds: Math.max(1, Math.ceil((new Date(row.window_start).getTime() + windowMs - now.getTime()) / 1000)) };
    }
    if (!sameSecret(token, this.adminToken)) {
      await this.prune(now, windowMs);
      return { kind: 'REFUSED' };
    }
    await this.dataSource.query('DELETE FROM operator_sign_in_attempts WHERE client_key = $1', [clientKey]);
    const sessionId = randomBytes(32).toString('base64url');
    await this.dataSource.query('INSERT INTO operator_sessions (id_hash, operator_digest, expires_at) VALUES ($1, $2, $3)', [
      sha256(sessionId),
      this.operatorDigest,
      new Date(now.getTime() + OPS_SESSION_SECONDS * 1000),
    ]);
    await this.dataSource.query('DELETE FROM operator_sessions WHERE expires_at <= $1', [now]);
    return { kind: 'SIGNED_IN', sessionId, maxAgeSeconds: OPS_SESSION_SECONDS };
  }

  /** Whether the id names an open session of the current operator token. */
  async isOpen(sessionId: string): Promise<boolean> {
    if (!SESSION_ID.test(sessionId)) return false;
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM operator_sessions WHERE id_hash = $1 AND operator_digest = $2 AND expires_at > $3', [
      sha256(sessionId),
      this.operatorDigest,
      this.clock.now(),
    ]);
    return rows.length > 0;
  }

  async signOut(sessionId: string): Promise<void> {
    if (SESSION_ID.test(sessionId)) await this.dataSource.query('DELETE FROM operator_sessions WHERE id_hash = $1', [sha256(sessionId)]);
  }

  // Counters of addresses that stopped trying: removed at most once per window by each process.
  private async prune(now: Date, windowMs: number): Promise<void> {
    if (now.getTime() - this.lastPrune < windowMs) return;
    this.lastPrune = now.getTime();
    await this.dataSource.query('DELETE FROM operator_sign_in_attempts WHERE window_start <= $1', [new Date(now.getTime() - windowMs)]);
  }
}
