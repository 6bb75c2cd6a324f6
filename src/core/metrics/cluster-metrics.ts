import cluster from 'node:cluster';

// The messages between a process `npm start` forked and its primary (src/hub.ts), which aggregates
// the metrics of every process with prom-client's AggregatorRegistry.
export const METRICS_REQUEST = 'ecoo:metrics-request';
export const METRICS_RESPONSE = 'ecoo:metrics-response';
const TIMEOUT_MS = 5000;

let nextId = 0;

/** Whether this process is one of several `npm start` runs (then /metrics answers for all of them). */
export function inCluster(): boolean {
  return cluster.isWorker && typeof process.send === 'function';
}

/** Every process's metrics, aggregated by the primary. */
export function clusterMetrics(): Promise<string> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer with the metrics of every process'));
    }, TIMEOUT_MS);
    const onMessage = (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== METRICS_RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}
