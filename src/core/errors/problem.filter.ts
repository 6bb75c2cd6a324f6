import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error';
import { PROBLEM_CONTENT_TYPE, Problem, buildProblem } from './problem';
import { RequestErrorCode } from './request-error';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

// Fastify reports body problems before a Nest handler runs; map them to the hub's codes.
const FASTIFY_CODES: Record<string, { status: number; code: RequestErrorCode; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: RequestErrorCode.PAYLOAD_TOO_LARGE, detail: 'The body is larger than this endpoint accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: RequestErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'Send application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: RequestErrorCode.MALFORMED_JSON, detail: 'Content-Length does not match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: RequestErrorCode.MALFORMED_JSON, detail: 'The body is empty but declared as JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: RequestErrorCode.MALFORMED_JSON, detail: 'The body is not valid JSON' },
};

const NEST_STATUS_CODES: Record<number, RequestErrorCode> = {
  400: RequestErrorCode.MALFORMED_JSON,
  401: RequestErrorCode.UNAUTHENTICATED,
  403: RequestErrorCode.FORBIDDEN,
  404: RequestErrorCode.NOT_FOUND,
  405: RequestErrorCode.METHOD_NOT_ALLOWED,
  413: RequestErrorCode.PAYLOAD_TOO_LARGE,
  415: RequestErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: RequestErrorCode.TOO_MANY_REQUESTS,
};

/** Turns any error into a problem+json answer; unknown errors become a 500 without internals. */
export function toProblem(exception: unknown, request: { id?: string; url?: string }): Problem {
  const requestId = request.id ? String(request.id) : undefined;
  const instance = request.url?.split('?')[0];
  if (exception instanceof DomainError) {
    return buildProblem({
      status: exception.httpStatus(),
      code: exception.code,
      detail: exception.message,
      instance,
      requestId,
      violations: exception.violations,
      extra: exception.extra,
    });
  }
  // Nest hands Fastify's own errors (body parsing, limits, media types) over as HttpExceptions.
  const cause = exception instanceof HttpException ? (exception.cause as FastifyLikeError | undefined) : undefined;
  const fastifyKnown = cause?.code ? FASTIFY_CODES[cause.code] : undefined;
  if (fastifyKnown) return buildProblem({ ...fastifyKnown, instance, requestId });
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = NEST_STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${status}`);
    const detail = status === 404 ? 'No such resource' : exception.message;
    return buildProblem({ status, code, detail, instance, requestId });
  }
  return buildProblem({
    status: 500,
    code: 'INTERNAL_ERROR',
    detail: 'An unexpected error occurred; quote the requestId to the operator',
    instance,
    requestId,
  });
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  // A 429 says when to come back, in the header as well as in the body.
  if (typeof problem.retryAfterSeconds === 'number') void reply.header('retry-after', String(problem.retryAfterSeconds));
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(exception, request);
    if (exception instanceof DomainError && problem.status >= 500) {
      // A known condition (a dependency or configuration missing), named by its code: no stack needed.
      this.logger.warn({ code: problem.code, detail: problem.detail, requestId: problem.requestId }, 'Service unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'Unhandled error');
    }
    sendProblem(reply, problem);
  }
}
