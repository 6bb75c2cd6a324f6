import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { principalLabel, type Principal } from '../auth/principal';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { toProblem } from '../errors/problem.filter';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import { ABANDONED_AFTER_MS, IDEMPOTENT_IN_TRANSACTION, idempotencyKeyOf, requestHashOf } from './idempotency-records';

interface StoredKey {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  created_at: Date;
}

/**
 * Idempotency-Key (DESIGN.md section 8): scoped per caller; the same key and body returns the first
 * answer, the same key with another body is 422, a request still in flight is 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || (request.method !== 'POST' && request.method !== 'PUT') || !request.principal) {
      return next.handle();
    }
    // A route that stores its record in its own transaction (a batch) handles the key itself.
    if (this.reflector.getAllAndOverride<boolean>(IDEMPOTENT_IN_TRANSACTION, [context.getHandler(), context.getClass()])) return next.handle();
    return from(this.handle(context, next, request, Array.isArray(header) ? header.join(',') : header));
  }

  private async handle(
    context: ExecutionContext,
    next: CallHandler,
    request: FastifyRequest & { principal?: Principal },
    key: string,
  ): Promise<unknown> {
    idempotencyKeyOf(key);
    const caller = principalLabel(request.principal!);
    const requestHash = requestHashOf(request);
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (caller, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.created_at < now() - ($4 || ' milliseconds')::interval
       RETURNING caller`,
      [caller, key, requestHash, String(ABANDONED_AFTER_MS)],
    );
    if (inserted.length === 0) {
      const [stored]: StoredKey[] = await this.dataSource.query(
        'SELECT request_hash, response_status, response_body, created_at FROM idempotency_keys WHERE caller = $1 AND key = $2',
        [caller, key],
      );
      if (stored.request_hash !== requestHash) {
        throw new RequestError(RequestErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used with a different request');
      }
      if (stored.response_status === null) {
        throw new RequestError(RequestErrorCode.IDEMPOTENCY_IN_FLIGHT, 'A request with this Idempotency-Key is still in progress');
      }
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      void reply.status(stored.response_status).header('idempotent-replayed', 'true');
      if (stored.response_status >= 400) void reply.header('content-type', PROBLEM_CONTENT_TYPE);
      return stored.response_body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      await this.complete(caller, key, reply.statusCode, body);
      return body;
    } catch (error) {
      const problem = toProblem(error, request);
      if (problem.status >= 500 || problem.code === RequestErrorCode.IDEMPOTENCY_IN_FLIGHT) {
        await this.dataSource.query('DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2', [caller, key]);
      } else {
        await this.complete(caller, key, problem.status, problem);
      }
      throw error;
    }
  }

  private async complete(caller: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET response_status = $3, response_body = $4, completed_at = now() WHERE caller = $1 AND key = $2',
      [caller, key, status, JSON.stringify(body ?? null)],
    );
  }
}
