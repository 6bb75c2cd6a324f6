import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { validateEnvironment } from './core/config/env.validation';
import { runMigrations } from './core/database/migrate';
import { QueueService } from './core/queue/queue.service';
import { closeOnSignals } from './core/shutdown';

// The queue workers and schedulers, without the HTTP API.
async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  await runMigrations(env.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  closeOnSignals(app, (message) => app.get(Logger).log(message));
  app.get(QueueService).startWorkers();
  app.get(Logger).log('e-CoO hub worker started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
