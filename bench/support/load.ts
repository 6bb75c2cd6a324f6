import { request } from './http';

/** Closed-loop load: `clients` loops each run `operation` back to back for `seconds`. */
export interface LoadResult {
  label: string;
  operations: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLoad(label: string, clients: number, seconds: number, operation: (client: number, i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        const ok = await operation(client, i).catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, operations: latencies.length, errors, perSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export { median } from './scenario';

/** One GET /health, its body read: the reference of the API figures (what the HTTP stack answers right now). */
export async function healthOnce(url: string): Promise<boolean> {
  return (await request(`${url}/health`)).status === 200;
}

export function format(result: LoadResult): string {
  return `${result.label.padEnd(18)} ${result.perSecond.toFixed(1).padStart(8)}/s  p50 ${result.p50Ms.toFixed(1).padStart(6)} ms  p99 ${result.p99Ms.toFixed(1).padStart(6)} ms  (${result.operations} ok, ${result.errors} errors)`;
}

/**
 * Runs `operation` back to back, in this process, for `seconds`: operations per second. An operation
 * answering false stops the measure with `failure`: a rate of failures is no figure.
 */
export async function inProcessRate(seconds: number, operation: () => boolean | Promise<boolean>, failure = 'an operation that must pass failed'): Promise<number> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let done = 0;
  while (performance.now() < deadline) {
    if (!(await operation())) throw new Error(failure);
    done++;
  }
  return done / ((performance.now() - started) / 1000);
}
