import { ExecutionContext, Injectable, OnModuleInit, SetMetadata, createParamDecorator } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { principalLabel, type Principal } from '../auth/principal';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { effectKind, type SqlStatement } from '../unit-of-work/effects';
import { Tx, UnitOfWork } from '../unit-of-work/unit-of-work';

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

/** An answer stored with the change it answers for: written in the change's own statement or flush, never in a commit of its own. */
export interface IdempotentRecord {
  scope: IdempotencyScope;
  answer: IdempotentAnswer;
}

export const IDEMPOTENT_ANSWER = effectKind<IdempotentRecord>('idempotent-answer', 900);

/** What a use case run under an Idempotency-Key gives back: its own result, or the first answer to the same request. */
export type IdempotentResult<T> = { replayed: false; body: T } | { replayed: true; answer: IdempotentAnswer };

/** The HTTP answer of an IdempotentResult: a replay carries the first answer's status and `idempotent-replayed: true`. */
export function replyWith<T>(reply: FastifyReply, result: IdempotentResult<T>): T | unknown {
  if (!result.replayed) return result.body;
  void reply.status(result.answer.status).header('idempotent-replayed', 'true');
  if (result.answer.status >= 400) void reply.header('content-type', PROBLEM_CONTENT_TYPE);
  return result.answer.body;
}

interface ClaimRow {
  locked: boolean;
  stored_hash: string | null;
  stored_status: number | null;
  stored_body: unknown;
  stored_abandoned: boolean;
}

/**
 * Idempotency-Key records kept in the transaction of the change they answer for: no commit of their
 * own, and the answer is stored if and only if the change commits. "Still in flight" (409) is a
 * transaction-scoped advisory lock on the caller and key that another request cannot take.
 */
@Injectable()
export class IdempotencyRecords implements OnModuleInit {
  constructor(private readonly uow: UnitOfWork) {}

  onModuleInit(): void {
    this.uow.register(IDEMPOTENT_ANSWER, { statement: (records) => answersStatement(records) });
  }

  /**
   * Takes the key for this transaction, in one statement (the lock, then the record: migration
   * IdempotencyClaim). The stored answer when the same request already completed; undefined when
   * the caller's change is to run; 409 when another request holds the key, 422 when the key was used
   * with another request.
   */
  async claim(manager: EntityManager, scope: IdempotencyScope): Promise<IdempotentAnswer | undefined> {
    const rows: ClaimRow[] = await manager.query(`SELECT * FROM ecoo_idempotency_claim($1::bigint, $2, $3, ($4 || ' milliseconds')::interval)`, [
      lockKeyOf(scope),
      scope.caller,
      scope.key,
      String(ABANDONED_AFTER_MS),
    ]);
    const [stored] = rows;
    if (!stored) return undefined;
    if (!stored.locked) throw inFlight();
    if (stored.stored_hash !== scope.requestHash) {
      throw new RequestError(RequestErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request');
    }
    if (stored.stored_status === null) {
      if (!stored.stored_abandoned) throw inFlight();
      return undefined;
    }
    return { status: stored.stored_status, body: stored.stored_body };
  }

  /**
   * A use case's change under the caller's key, in the unit of work's transaction: the first answer
   * when the same request completed before (the work does not run), otherwise the work, whose result
   * is the answer's body: stored with `status` in the change's flush. Without a scope, just the work.
   */
  async once<T>(tx: Tx, scope: IdempotencyScope | undefined, status: number, work: () => Promise<T>): Promise<IdempotentResult<T>> {
    if (!scope) return { replayed: false, body: await work() };
    const stored = await this.claim(tx.manager, scope);
    if (stored) return { replayed: true, answer: stored };
    const body = await work();
    tx.add(IDEMPOTENT_ANSWER, { scope, answer: { status, body } });
    return { replayed: false, body };
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

/** The answers' INSERT for the unit of work (one per key: a later answer to the same key replaces an earlier one of the same transaction). */
function answersStatement(records: readonly IdempotentRecord[]): SqlStatement {
  const byKey = new Map(records.map((r) => [`${r.scope.caller}\n${r.scope.key}`, r]));
  const values: unknown[] = [];
  const tuples = [...byKey.values()].map(({ scope, answer }) => {
    const n = values.push(scope.caller, scope.key, scope.requestHash, answer.status, JSON.stringify(answer.body ?? null));
    return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::int, $${n}::jsonb, now())`;
  });
  return {
    text: `INSERT INTO idempotency_keys (caller, key, request_hash, response_status, response_body, completed_at) VALUES ${tuples.join(', ')}
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
         response_body = EXCLUDED.response_body, completed_at = EXCLUDED.completed_at, created_at = now()`,
    values,
  };
}

function inFlight(): RequestError {
  return new RequestError(RequestErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress');
}

/** A signed 64-bit advisory lock key from the caller and key (the single-key space, apart from two-key locks). */
function lockKeyOf(scope: IdempotencyScope): string {
  return createHash('sha256').update(`idempotency\n${scope.caller}\n${scope.key}`).digest().readBigInt64BE(0).toString();
}
