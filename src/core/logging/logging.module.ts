import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { stdSerializers } from 'pino';
import { describeDatabaseError } from '../database/pg-errors';

/**
 * pino's `err` serializer, except that a database error (or one caused by it) is logged as the
 * statement's purpose, its SQLSTATE and its constraint only: its parameters and the driver's detail
 * carry secret hashes, encrypted keys and whole documents.
 */
export function serializeError(input: unknown): unknown {
  // pino-http hands its `err` serializer pino's own serialization, with the error itself as `raw`.
  const error = input instanceof Error ? input : ((input as { raw?: unknown } | null)?.raw ?? input);
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const summary = describeDatabaseError(current);
    if (summary) return current === error ? summary : { type: (error as Error).name, message: (error as Error).message, cause: summary };
    current = (current as { cause?: unknown }).cause;
  }
  return input instanceof Error ? stdSerializers.err(input) : input;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** A request's id: the caller's X-Request-Id when it is sane, else a fresh one. */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

// pino JSON logs with a request id per request (taken from X-Request-Id when it is sane);
// credentials and key material are redacted wherever they appear. The access log is the hub's own
// line per request (core/logging/access-log.ts, written in create-app's onResponse hook), not
// pino-http's, which would carry every header; lines logged while a request runs carry its id only.
export const HubLoggerModule = LoggerModule.forRoot({
  pinoHttp: {
    level: process.env.LOG_LEVEL ?? 'info',
    // create-app gives each request its id (Fastify's, copied to the raw request) before this runs.
    genReqId: requestIdOf,
    serializers: { err: serializeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        '*.key',
        '*.secret',
        '*.password',
        '*.privateKey',
        '*.privateKeyPem',
        '*.passphrase',
        '*.pkcs12',
        '*.masterKey',
        '*.masterKeyPrevious',
        '*.adminToken',
      ],
      censor: '[redacted]',
    },
    quietReqLogger: true,
    autoLogging: false,
  },
});
