import 'reflect-metadata';
import { createHubApp, logStartup } from './core/http/create-app';
import { closeOnSignals } from './core/shutdown';

// The HTTP API. With `--with-worker` (what `npm start` passes) the queue workers and schedulers run
// in the same process, for a single machine.
async function bootstrap(): Promise<void> {
  const withWorkers = process.argv.includes('--with-worker') || process.env.HUB_WITH_WORKER === 'true';
  const { app } = await createHubApp({ withWorkers });
  closeOnSignals(app, logStartup);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  logStartup(`e-CoO hub API listening on port ${port}${withWorkers ? ' with queue workers in process' : ''}`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
