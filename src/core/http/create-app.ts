import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module';
import { validateEnvironment } from '../config/env.validation';
import { databaseSettings } from '../config/hub.config';
import { runMigrations } from '../database/migrate';
import { MetricsService } from '../metrics/metrics.service';
import { QueueService } from '../queue/queue.service';
import { ProblemView } from './problem.view';
import { createValidationPipe } from './validation.pipe';

export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface HubApp {
  app: NestFastifyApplication;
  routes: RegisteredRoute[];
  openApi: OpenAPIObject;
}

/**
 * Builds the HTTP application exactly as production runs it (tests use the same function): migrations,
 * Fastify with explicit body limits, problem+json for every error, OpenAPI at /docs.
 */
export async function createHubApp(options: { withWorkers?: boolean; logger?: boolean } = {}): Promise<HubApp> {
  const env = validateEnvironment(process.env);
  await runMigrations(databaseSettings(env));
  const adapter = new FastifyAdapter({
    bodyLimit: env.HUB_BODY_LIMIT ?? 1024 * 1024,
    trustProxy: true,
    requestIdHeader: false,
    // The hub generates or validates request ids itself (logging module).
    genReqId: () => '',
  });
  const fastify = adapter.getInstance();
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method: String(method), url: route.url });
  });
  // JSON only: a text/plain body is 415, not silently read as a string.
  fastify.removeContentTypeParser(['text/plain']);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bodyParser: false, bufferLogs: true, logger: options.logger === false ? false : undefined });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());

  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  const config = new DocumentBuilder()
    .setTitle('e-CoO exchange hub')
    .setDescription('Issue, sign, transmit and verify electronic certificates of origin against the common dataset. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Operator token or an API key' })
    .build();
  const openApi = SwaggerModule.createDocument(app, config, { extraModels: [ProblemView] });
  SwaggerModule.setup('docs', app, openApi, { jsonDocumentUrl: 'docs-json' });

  await app.init();
  if (options.withWorkers) app.get(QueueService).startWorkers();
  await fastify.ready();
  return { app, routes, openApi };
}

export function logStartup(message: string): void {
  new NestLogger('Hub').log(message);
}
