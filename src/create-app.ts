import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INBOUND_FORMAT_MEDIA_TYPES } from './dataset/formats/format-reader';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiKeysService } from './authorities/api-keys.service';
import { Principal, PrincipalKind } from './core/auth/principal';
import { DEFAULT_UPLOAD_LIMIT } from './verification/verification.config';
import { DEFAULT_BATCH_BODY_LIMIT, validateEnvironment } from './core/config/env.validation';
import { databaseSettings } from './core/config/hub.config';
import { runMigrations } from './core/database/migrate';
import { buildProblem } from './core/errors/problem';
import { sendProblem } from './core/errors/problem.filter';
import { RequestErrorCode } from './core/errors/request-error';
import { accessLogEntry } from './core/logging/access-log';
import { serializeReply } from './core/http/raw-json-member';
import { requestIdOf } from './core/logging/logging.module';
import { MetricsService } from './core/metrics/metrics.service';
import { BoardAccess, QueueBoard } from './core/queue/queue-board';
import { QueueService } from './core/queue/queue.service';
import { ROUTE_BODY_LIMIT } from './core/http/batch-body';
import { ProblemView } from './core/http/problem.view';
import { applyDeferredApiProperties } from './core/http/deferred-api-property';
import { createValidationPipe } from './core/http/validation.pipe';
import { installStrictJsonParser, urlViolations } from './core/http/hostile-input';
import { HostileInputRule } from './core/validation/hostile-input-rules';
import { trustedProxies } from './core/http/client-address';

/** The operator's queue dashboard (README, "Queue dashboard"); its routes are not part of the API document. */
export const QUEUE_BOARD_PATH = '/admin/queues';
// The routes that take multipart uploads; anywhere else a multipart body is 415 like any non-JSON.
const MULTIPART_ROUTES = new Set(['/v1/verifications', '/v1/applications/:id/documents']);
// Where a certificate may arrive in UBL 2.4 XML or edi3 JSON (README, "Formats at the edge").
const FORMAT_ROUTES = new Set(['POST /v1/certificates']);

export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface HubApp {
  app: NestFastifyApplication;
  routes: RegisteredRoute[];
  /** The API document, built on first use (the first GET /docs or /docs-json, or a caller's), not at boot. */
  openApi: () => OpenAPIObject;
  /** What to say at start about the database server (core/database/migrate.ts). */
  databaseWarnings: string[];
}

/**
 * Builds the HTTP application exactly as production runs it (tests use the same function): migrations,
 * Fastify with explicit body limits, problem+json for every error, OpenAPI at /docs.
 */
export async function createHubApp(options: { withWorkers?: boolean; logger?: boolean } = {}): Promise<HubApp> {
  const env = validateEnvironment(process.env);
  const migrated = await runMigrations(databaseSettings(env));
  const adapter = new FastifyAdapter({
    bodyLimit: env.HUB_BODY_LIMIT ?? 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies the operator lists (HUB_TRUSTED_PROXIES);
    // from anyone else a caller could pick its own address and its own rate limit.
    trustProxy: trustedProxies(env.HUB_TRUSTED_PROXIES),
    requestIdHeader: false,
    // The hub generates or validates request ids itself (logging module).
    genReqId: requestIdOf,
    // A path the router cannot decode (%00, bytes that are not UTF-8) is answered like any unreadable URL.
    frameworkErrors: (error: { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const violations = urlViolations(request.url);
      sendProblem(reply, buildProblem({
        status: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400,
        code: RequestErrorCode.MALFORMED_URL,
        detail: 'The request URL is not readable',
        requestId: request.id,
        violations: violations.length > 0 ? violations : [{ ruleId: HostileInputRule.URL_UNREADABLE, severity: 'error', path: 'path', message: 'the path cannot be decoded' }],
      }));
    },
  });
  const fastify = adapter.getInstance();
  // Answers are JSON.stringify'd, except those whose JSON is already made (core/http/raw-json-member.ts).
  fastify.setReplySerializer(serializeReply);
  // One id per request, in problems, in every log line of the request and in the answer, so a
  // caller can quote it. Registered before Nest's middleware, so the request logger takes this id.
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
    done();
  });
  const routes: RegisteredRoute[] = [];
  const batchBodyLimit = env.HUB_BATCH_BODY_LIMIT ?? DEFAULT_BATCH_BODY_LIMIT;
  fastify.addHook('onRoute', (route) => {
    // The batch endpoints' own limit, set on the route so Fastify checks it before parsing.
    if ((route.config as Record<string, unknown> | undefined)?.[ROUTE_BODY_LIMIT] === 'batch') route.bodyLimit = batchBodyLimit;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method), url: route.url });
  });
  // JSON only: a text/plain body is 415, not silently read as a string.
  fastify.removeContentTypeParser(['text/plain']);
  // One reading of every JSON body, bounded before anything recursive sees it (core/http/hostile-input.ts).
  installStrictJsonParser(fastify);
  // A URL PostgreSQL or a decoder would choke on (U+0000, bytes that are not UTF-8) stops here, named.
  fastify.addHook('onRequest', (request, reply, done) => {
    const violations = urlViolations(request.url);
    if (violations.length > 0) {
      sendProblem(reply, buildProblem({ status: 400, code: RequestErrorCode.MALFORMED_URL, detail: 'The request URL is not readable', instance: request.url.split('?')[0].slice(0, 200), requestId: request.id, violations }));
      return;
    }
    done();
  });
  // UBL and edi3 documents are read as the bytes received: the Idempotency-Key compares those bytes,
  // and the format reader parses them itself (hostile XML: no DTD, limits).
  fastify.addContentTypeParser([...INBOUND_FORMAT_MEDIA_TYPES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bodyParser: false, bufferLogs: true, logger: options.logger === false ? false : undefined });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  // Uploads for verification: one document and one signature, each within HUB_VERIFY_UPLOAD_LIMIT.
  const uploadLimit = env.HUB_VERIFY_UPLOAD_LIMIT ?? DEFAULT_UPLOAD_LIMIT;
  await app.register(multipart, {
    limits: { fileSize: uploadLimit, fieldSize: uploadLimit, files: 4, fields: 4, parts: 6, fieldNameSize: 100, headerPairs: 50 },
    throwFileSizeLimit: true,
    // Field values one byte per character, so that readers see the bytes and can refuse invalid UTF-8.
    defCharset: 'latin1',
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    if (request.isMultipart() && !MULTIPART_ROUTES.has(request.routeOptions?.url ?? '')) {
      sendProblem(reply, buildProblem({ status: 415, code: RequestErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'Send application/json', instance: request.url.split('?')[0] }));
      return;
    }
    if (Buffer.isBuffer(request.body) && !FORMAT_ROUTES.has(`${request.method} ${request.routeOptions?.url ?? ''}`)) {
      sendProblem(reply, buildProblem({ status: 415, code: RequestErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'Send application/json', instance: request.url.split('?')[0] }));
      return;
    }
    done();
  });

  // The access line is written without the redaction every other line goes through: its fields are
  // the hub's own (a sane request id, method, route pattern, status, duration, caller label), never a
  // header, body or credential (core/logging/access-log.ts), and redaction's walk of them was 3% of
  // the API process's CPU under GET as the issuer. A child of the root logger: same stream, same
  // bindings, so the line reads as before.
  let accessRoot: typeof PinoLogger.root | undefined;
  let accessChild: typeof PinoLogger.root | undefined;
  const accessLogger = (): typeof PinoLogger.root => {
    if (accessRoot !== PinoLogger.root || !accessChild) {
      accessRoot = PinoLogger.root;
      accessChild = accessRoot.child({}, { redact: [] });
    }
    return accessChild;
  };
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url;
    metrics.observeRequest(request.method, route ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    const entry = accessLogEntry({
      method: request.method,
      route,
      status: reply.statusCode,
      elapsedMs: reply.elapsedTime,
      requestId: request.id,
      principal: (request as { principal?: Principal }).principal,
      authorization: request.headers.authorization,
    });
    if (entry) accessLogger()[entry.level](entry.fields, 'request');
    done();
  });

  const config = new DocumentBuilder()
    .setTitle('e-CoO exchange hub')
    .setDescription('Issue, sign, transmit and verify electronic certificates of origin against the common dataset. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Operator token or an API key' })
    .build();
  // Building the document walks every route and DTO: about as much CPU as the rest of a boot, so it is
  // built once, when first asked for, rather than by every process at start.
  let document: OpenAPIObject | undefined;
  const openApi = (): OpenAPIObject => {
    // The dataset DTOs' decorations wait for the document (core/http/deferred-api-property.ts).
    applyDeferredApiProperties();
    return (document ??= SwaggerModule.createDocument(app, config, { extraModels: [ProblemView] }));
  };
  // Public by default (partners and integrators read it); HUB_PUBLIC_DOCS=false serves neither page.
  if (env.HUB_PUBLIC_DOCS !== 'false') SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });

  // The operator credential the API takes, as a bearer header on every request of the dashboard.
  // Bull Board reads Redis: in trial mode, where the queues live in the embedded database, there is none.
  const apiKeys = app.get(ApiKeysService);
  if (app.get(QueueService).healthCheck === 'redis') app.get(QueueBoard).mount(fastify, {
    basePath: QUEUE_BOARD_PATH,
    authorize: async (authorization) => {
      const match = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization) : null;
      const principal = match ? await apiKeys.resolve(match[1]) : undefined;
      if (!principal) return BoardAccess.UNAUTHENTICATED;
      return principal.kind === PrincipalKind.OPERATOR ? BoardAccess.ALLOWED : BoardAccess.FORBIDDEN;
    },
  });

  await app.init();
  if (options.withWorkers) app.get(QueueService).startWorkers();
  await fastify.ready();
  return { app, routes, openApi, databaseWarnings: migrated.warnings };
}

export function logStartup(message: string): void {
  new NestLogger('Hub').log(message);
}

export function warnStartup(message: string): void {
  new NestLogger('Hub').warn(message);
}
