// Issuance benchmark through the API (DESIGN.md section 9): certificates created, issued, signed and
// stored per second with 10 concurrent clients, against the same path without signing, from the
// same run; beside `openssl speed -seconds 3 rsa2048`. Target: signed >= 0.8x unsigned.
//
// Run from the repository root:   bash bench/sign/run.sh --api [--rounds 3] [--seconds 10] [--clients 10]
// (run.sh builds dist/ first). Needs local PostgreSQL and Redis, like the tests.
//
// How "without signing" is made honest: two hub processes from the same build, on the same fresh
// database, identical but for HUB_BENCH_DIGEST_ONLY=true on one of them (the env switch binds the
// DigestOnlySealer, which only the benchmark uses). Both run the API only (no queue workers),
// LOG_LEVEL=warn, one process each; the authority has an ACTIVE 2048-bit development key. Each
// client loops POST /v1/certificates then POST /v1/certificates/{id}/issue; a certificate counts
// when its issue answered 200. Only one hub is loaded at a time; rounds alternate which goes first,
// and the reported ratio is the median of the per-round ratios. Results go to
// bench/results/api-issue.json.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { cambodiaToJapan } from '../../test/fixtures/certificates';

const TARGET_RATIO = 0.8;
const ROOT = resolve(__dirname, '../..');
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_TOKEN = `bench-operator-${randomBytes(16).toString('hex')}`;
const HS_FILE = resolve(ROOT, '../shared/data/hs/harmonized-system.csv');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function opensslSignRate(seconds: number): number {
  const output = execFileSync('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const match = /rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+[\d.]+/.exec(output);
  if (!match) throw new Error(`cannot read sign/s from openssl speed output:\n${output}`);
  return Number(match[1]);
}

interface Hub {
  name: string;
  url: string;
  child: ChildProcess;
}

async function startHub(name: string, port: number, env: Record<string, string>): Promise<Hub> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/main.js')], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} hub exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return { name, url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} hub did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Answer {
  id: string;
  key: string;
  [field: string]: unknown;
}

async function call(url: string, method: string, token: string, body?: unknown): Promise<{ status: number; json: Answer }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Answer };
}

/** Creates and issues certificates with `clients` concurrent loops for `seconds`; returns issued per second. */
async function load(hub: Hub, token: string, clients: number, seconds: number): Promise<{ rate: number; issued: number; errors: number }> {
  let issued = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  const loop = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      const created = await call(`${hub.url}/v1/certificates`, 'POST', token, cambodiaToJapan());
      if (created.status !== 201) {
        errors++;
        continue;
      }
      const answer = await call(`${hub.url}/v1/certificates/${created.json.id}/issue`, 'POST', token);
      if (answer.status === 200) issued++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { rate: issued / elapsed, issued, errors };
}

async function main(): Promise<void> {
  const rounds = option('--rounds', 3);
  const seconds = option('--seconds', 10);
  const clients = option('--clients', 10);
  if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/main.js is missing: run `npm run build` (run.sh --api does)');
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `ecoo_bench_sign_${runId}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${database}`;
  const env: Record<string, string> = {
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL,
    HUB_ADMIN_TOKEN: ADMIN_TOKEN,
    HUB_MASTER_KEY: randomBytes(32).toString('hex'),
    HUB_QUEUE_PREFIX: `bench-sign-${runId}`,
    LOG_LEVEL: 'warn',
    ...(existsSync(HS_FILE) ? { HUB_HS_FILE: HS_FILE } : {}),
  };
  const hubs: Hub[] = [];
  try {
    const signed = await startHub('signed', 3901, env);
    hubs.push(signed);
    const unsigned = await startHub('unsigned', 3902, { ...env, HUB_BENCH_DIGEST_ONLY: 'true' });
    hubs.push(unsigned);

    await call(`${signed.url}/v1/authorities`, 'POST', ADMIN_TOKEN, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] });
    const dev = await call(`${signed.url}/v1/pki/dev-keys`, 'POST', ADMIN_TOKEN, { authorities: ['KH-MOC'], keyBits: 2048 });
    if (dev.status !== 200) throw new Error(`dev key: ${dev.status} ${JSON.stringify(dev.json)}`);
    const token = (await call(`${signed.url}/v1/api-keys`, 'POST', ADMIN_TOKEN, { authority: 'KH-MOC' })).json.key;

    // Sanity: the signed hub stores a signature, the unsigned one does not.
    for (const [hub, expectSignature] of [[signed, true], [unsigned, false]] as const) {
      const created = await call(`${hub.url}/v1/certificates`, 'POST', token, cambodiaToJapan());
      const issued = await call(`${hub.url}/v1/certificates/${created.json.id}/issue`, 'POST', token);
      const signature = await fetch(`${hub.url}/v1/certificates/${issued.json.id}/signature`, { headers: { authorization: `Bearer ${token}` } });
      if (issued.status !== 200 || (signature.status === 200) !== expectSignature) throw new Error(`${hub.name} hub: issue ${issued.status}, signature ${signature.status}`);
    }
    console.log(`API issuance benchmark: create + issue (+ sign) per certificate, ${clients} concurrent clients, ${rounds} rounds of ${seconds}s per side`);
    console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}; RSA-2048 development key\n`);
    // Warm-up: JIT, connection pools, the signer cache (rates still climb for a while after start).
    await load(signed, token, clients, 5);
    await load(unsigned, token, clients, 5);

    const results: { round: number; signedPerSecond: number; unsignedPerSecond: number; ratio: number; opensslSignPerSecond: number; errors: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? [signed, unsigned] : [unsigned, signed];
      const measured = new Map<string, { rate: number; errors: number }>();
      for (const hub of order) measured.set(hub.name, await load(hub, token, clients, seconds));
      const opensslSignPerSecond = opensslSignRate(3);
      const s = measured.get('signed')!;
      const u = measured.get('unsigned')!;
      const ratio = s.rate / u.rate;
      results.push({ round, signedPerSecond: s.rate, unsignedPerSecond: u.rate, ratio, opensslSignPerSecond, errors: s.errors + u.errors });
      console.log(
        `round ${round} (${order.map((h) => h.name).join(' first, ')} second): signed ${s.rate.toFixed(1)}/s, without signing ${u.rate.toFixed(1)}/s, ` +
          `ratio ${ratio.toFixed(3)}; openssl speed rsa2048 ${opensslSignPerSecond.toFixed(0)} sign/s; errors ${s.errors + u.errors}`,
      );
    }
    const medianRatio = median(results.map((r) => r.ratio));
    const verdict = medianRatio >= TARGET_RATIO ? 'PASS' : 'FAIL';
    console.log(
      `\nmedian: signed ${median(results.map((r) => r.signedPerSecond)).toFixed(1)}/s, without signing ${median(results.map((r) => r.unsignedPerSecond)).toFixed(1)}/s, ` +
        `openssl ${median(results.map((r) => r.opensslSignPerSecond)).toFixed(0)} sign/s; median ratio ${medianRatio.toFixed(3)} (target >= ${TARGET_RATIO}): ${verdict}`,
    );
    const resultsDir = join(ROOT, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, 'api-issue.json'),
      JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, clients, seconds, rounds: results, medianRatio, target: TARGET_RATIO, verdict }, null, 2),
    );
    if (verdict === 'FAIL') process.exitCode = 1;
  } finally {
    await Promise.all(
      hubs.map(
        (hub) =>
          new Promise<void>((done) => {
            if (hub.child.exitCode !== null) return done();
            hub.child.once('exit', () => done());
            hub.child.kill('SIGTERM');
          }),
      ),
    );
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new IORedis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.HUB_QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
