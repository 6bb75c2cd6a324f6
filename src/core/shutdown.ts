import type { INestApplicationContext } from '@nestjs/common';

/**
 * Closes the application on SIGTERM or SIGINT (workers finish their current job, connections
 * close) and exits 0, so an orchestrator sees a clean stop. A second signal exits at once.
 */
export function closeOnSignals(app: INestApplicationContext, log: (message: string) => void): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal} received: shutting down`);
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop).on('SIGINT', stop);
}
