import 'reflect-metadata';
import { validateEnvironment } from './core/config/env.validation';
import { databaseSettings, hubMode } from './core/config/hub.config';
import { HubMode } from './core/config/hub-mode';
import { describeMode, startupWarnings } from './core/config/describe-mode';
import { DataDirLock } from './core/database/embedded/data-dir-lock';

// The HTTP API. With `--with-worker` (what `npm start` passes) the queue workers and schedulers run
// in the same process, for a single machine. In trial mode they always do: no other process can open
// the embedded database.
async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  // A trial directory another hub holds is refused before anything loads (opening it takes the lock).
  const database = databaseSettings(env);
  if (database.mode === HubMode.TRIAL) DataDirLock.refuseIfHeld(database.dataDir);
  // Loaded once the configuration holds, so a bad one is reported at once rather than after every module loads.
  const { createHubApp, logStartup, warnStartup } = await import('./create-app.js');
  const { closeOnSignals } = await import('./core/shutdown.js');
  const withWorkers = hubMode(env) === HubMode.TRIAL || process.argv.includes('--with-worker') || process.env.HUB_WITH_WORKER === 'true';
  // Said first: a trial hub's first start creates its database, which takes a while.
  for (const line of describeMode(env)) logStartup(line);
  for (const line of startupWarnings(env)) warnStartup(line);
  const { app, databaseWarnings } = await createHubApp({ withWorkers });
  for (const line of databaseWarnings) warnStartup(line);
  closeOnSignals(app, logStartup);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  logStartup(`e-CoO hub API listening on port ${port}${withWorkers ? ' with queue workers in process' : ''}`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
