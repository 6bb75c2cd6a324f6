// The transmission benchmark's partner (bench/transmit/transmit.bench.ts), in a process of its own: a
// minimal server that acknowledges every envelope at once, so that what is measured is the sender.
// It reads the whole body, keeps the first acknowledgement of each envelope id (the `x-envelope-id`
// header every sender here sets) and answers a repeat with it, as a receiving hub does; it checks no
// signature and stores nothing else. With --fail-every N it answers every Nth call 503 before
// storing anything (the chaos scenario).
//   node -r ./bench/register-ts.js bench/support/ack-partner.ts <port> <token> [--fail-every N]
//   GET /_stats: { received, stored, repeats, failed }; POST /_reset empties it.
import { createServer } from 'node:http';

const [portArg, token] = process.argv.slice(2, 4);
const failIndex = process.argv.indexOf('--fail-every');
const failEvery = failIndex > 0 ? Number(process.argv[failIndex + 1]) : 0;
const expected = `Bearer ${token}`;

let stored = new Map<string, string>();
let received = 0;
let repeats = 0;
let failed = 0;

function answer(res: import('node:http').ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
  });
  req.on('end', () => {
    if (req.url === '/_stats') return answer(res, 200, JSON.stringify({ received, stored: stored.size, repeats, failed }));
    if (req.url === '/_reset' && req.method === 'POST') {
      stored = new Map();
      received = repeats = failed = 0;
      return answer(res, 200, '{}');
    }
    if (req.method !== 'POST' || req.url !== '/v1/exchange/envelopes') return answer(res, 404, '{}');
    if (req.headers.authorization !== expected) return answer(res, 401, '{"code":"UNAUTHENTICATED"}');
    const envelopeId = req.headers['x-envelope-id'];
    if (typeof envelopeId !== 'string' || size === 0) return answer(res, 400, '{"code":"NOT_AN_ENVELOPE"}');
    received += 1;
    if (failEvery > 0 && received % failEvery === 0) {
      failed += 1;
      return answer(res, 503, '{"code":"UNAVAILABLE"}');
    }
    let receivedAt = stored.get(envelopeId);
    if (receivedAt) repeats += 1;
    else {
      receivedAt = new Date().toISOString();
      stored.set(envelopeId, receivedAt);
    }
    answer(res, 200, JSON.stringify({ envelopeId, status: 'DELIVERED', receivedAt }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write('ready\n'));
const stop = (): void => void server.close(() => process.exit(0));
process.on('SIGTERM', stop).on('SIGINT', stop);
