import { ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { principalLabel, type Principal } from '../auth/principal';
import { RequestError, RequestErrorCode } from '../errors/request-error';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
// A request that never completed (its process died) may be retried after this long.
export const ABANDONED_AFTER_MS = 5 * 60 * 1000;

/** Who repeats which request under which key (DESIGN.md section 8: keys are scoped per caller). */
export interface IdempotencyScope {
  caller: string;
  key: string;
  /** SHA-256 of the method, the path and the canonical body: the same key with another body is 422. */
  requestHash: string;
}

/** The first answer to a request, given again to its repetitions. */
export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

/** The Idempotency-Key header as sent, or a 422 naming the rule when it is malformed. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header.join(',') : header;
  if (!KEY_PATTERN.test(key)) {
    throw RequestError.validation([
      { ruleId: 'HTTP-IDEMPOTENCY-KEY', severity: 'error', path: 'headers.idempotency-key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
    ]);
  }
  return key;
}

export function requestHashOf(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url.split('?')[0]}\n`);
  // A body read as bytes (a UBL or edi3 document) is compared byte for byte; JSON by its RFC 8785 form.
  return (Buffer.isBuffer(request.body) ? hash.update(request.body) : hash.update(canonicalize(request.body ?? null))).digest('hex');
}

export const IDEMPOTENT_IN_TRANSACTION = 'ecoo:idempotent-in-transaction';

/**
 * The route keeps its Idempotency-Key record in its own transaction (IdempotencyRecords), so the
 * interceptor leaves it alone. Read the scope with @IdempotencyScopeOf().
 */
export const IdempotentInTransaction = () => SetMetadata(IDEMPOTENT_IN_TRANSACTION, true);

/** The caller's Idempotency-Key scope on an authenticated route; undefined without the header. */
export const IdempotencyScopeOf = createParamDecorator((_data: unknown, context: ExecutionContext): IdempotencyScope | undefined => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  const key = idempotencyKeyOf(request.headers['idempotency-key']);
  if (key === undefined || !request.principal) return undefined;
  return { caller: principalLabel(request.principal), key, requestHash: requestHashOf(request) };
});

interface StoredKey {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  abandoned: boolean;
}

/**
 * Idempotency-Key records kept in the transaction of the change they answer for: no commit of their
 * own, and the answer is stored if and only if the change commits. "Still in flight" (409) is a
 * transaction-scoped advisory lock on the caller and key that another request cannot take.
 */
@Injectable()
export class IdempotencyRecords {
  /**
   * Takes the key for this transaction. The stored answer when the same request already completed;
   * undefined when the caller's change is to run; 409 when another request holds the key, 422 when
   * the key was used with another request.
   */
  async claim(manager: EntityManager, scope: IdempotencyScope): Promise<IdempotentAnswer | undefined> {
    const [{ locked }]: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [lockKeyOf(scope)]);
    if (!locked) throw inFlight();
    const [stored]: StoredKey[] = await manager.query(
      `SELECT request_hash, response_status, response_body, created_at < now() - ($3 || ' milliseconds')::interval AS abandoned
         FROM idempotency_keys WHERE caller = $1 AND key = $2`,
      [scope.caller, scope.key, String(ABANDONED_AFTER_MS)],
    );
    if (!stored) return undefined;
    if (stored.request_hash !== scope.requestHash) {
      throw new RequestError(RequestErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request');
    }
    if (stored.response_status === null) {
      if (!stored.abandoned) throw inFlight();
      return undefined;
    }
    return { status: stored.response_status, body: stored.response_body };
  }

  /** Stores the answer with the change, in the transaction that claimed the key. */
  async complete(manager: EntityManager, scope: IdempotencyScope, answer: IdempotentAnswer): Promise<void> {
    await manager.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash, response_status, response_body, completed_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
         response_body = EXCLUDED.response_body, completed_at = EXCLUDED.completed_at, created_at = now()`,
      [scope.caller, scope.key, scope.requestHash, answer.status, JSON.stringify(answer.body ?? null)],
    );
  }
}

function inFlight(): RequestError {
  return new RequestError(RequestErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress');
}

/** A signed 64-bit advisory lock key from the caller and key (the single-key space, apart from two-key locks). */
function lockKeyOf(scope: IdempotencyScope): string {
  return createHash('sha256').update(`idempotency\n${scope.caller}\n${scope.key}`).digest().readBigInt64BE(0).toString();
}
