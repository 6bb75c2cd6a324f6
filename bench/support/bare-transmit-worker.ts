// The reference of the transmission benchmark (bench/scenarios/transmit.ts), in a process of its
// own like the hub's worker: a bare BullMQ worker that POSTs each job's envelope to the partner as
// the hub's HTTP transport does (JSON, bearer token, timeout) and checks the acknowledgement, with no
// bookkeeping at all: no database, no attempts, no states, no circuit breaker.
//   node -r ./bench/register-ts.js bench/support/bare-transmit-worker.ts <queue> <prefix> <endpoint> <token> <concurrency>
import { Worker } from 'bullmq';
import IORedis from 'ioredis';

const [queueName, prefix, endpoint, token, concurrency] = process.argv.slice(2);
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
const worker = new Worker(
  queueName,
  async (job) => {
    const envelope = job.data.envelope as { envelopeId: string };
    const response = await fetch(`${endpoint}/v1/exchange/envelopes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'x-envelope-id': envelope.envelopeId },
      body: JSON.stringify(envelope),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    const answer = JSON.parse(await response.text()) as { status?: string; envelopeId?: string };
    if (response.status !== 200 || answer.status !== 'DELIVERED' || answer.envelopeId !== envelope.envelopeId) throw new Error(`HTTP ${response.status}`);
  },
  { connection, prefix, concurrency: Number(concurrency) },
);
worker.on('error', (error) => process.stderr.write(`bare worker: ${error.message}\n`));
process.stdout.write('ready\n');

const stop = (): void => {
  void worker.close().then(() => {
    connection.disconnect();
    process.exit(0);
  });
};
process.on('SIGTERM', stop).on('SIGINT', stop);
