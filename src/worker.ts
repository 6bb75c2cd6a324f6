import 'reflect-metadata';
import { validateEnvironment } from './core/config/env.validation';
import { databaseSettings } from './core/config/hub.config';
import { HubMode } from './core/config/hub-mode';
import { describeMode, startupWarnings } from './core/config/describe-mode';

// The queue workers and schedulers, without the HTTP API.
async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const database = databaseSettings(env);
  if (database.mode === HubMode.TRIAL) {
    throw new Error('HUB_MODE=trial runs its queue workers inside the API process (npm start): a separate worker process cannot open the embedded database');
  }
  // Loaded once the configuration holds, as in main.ts: a refused start says why at once.
  const [{ NestFactory }, { Logger }, { AppModule }, { runMigrations }, { QueueService }, { closeOnSignals }] = await Promise.all([
    import('@nestjs/core'),
    import('nestjs-pino'),
    import('./app.module.js'),
    import('./core/database/migrate.js'),
    import('./core/queue/queue.service.js'),
    import('./core/shutdown.js'),
  ]);
  const migrated = await runMigrations(database);
  const app = await NestFactory.createApplicationContext(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  closeOnSignals(app, (message) => app.get(Logger).log(message));
  app.get(QueueService).startWorkers();
  for (const line of describeMode(env)) app.get(Logger).log(line);
  for (const line of [...startupWarnings(env), ...migrated.warnings]) app.get(Logger).warn(line);
  app.get(Logger).log('e-CoO hub worker started');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
