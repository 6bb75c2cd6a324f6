// Verification benchmark, run by hand (never in CI):   bash bench/verify/run.sh [--rounds 3] [--seconds 10] [--certificates 200]
//
// Starts the built hub (API and worker in one process) on a database of its own, issues certificates,
// then for each round and for 10 and 50 concurrent clients measures, one after the other:
//   - GET /health (the reference: what the HTTP stack answers on this machine right now);
//   - POST /v1/verifications by reference, as the importing customs (full answer: audited read);
//   - POST /v1/verifications by reference, as the public (no key; the rate limit raised out of the way);
//   - POST /v1/verifications with the document and its signature uploaded (JSON, base64), as customs.
// Each reports verifications per second and p50/p99. `openssl speed rsa2048` verify/s is measured in
// the same run (one core). DESIGN.md section 9 holds verification by reference through the API to at
// least OpenAttestation's in-process integrity check: 2.4k verify/s on one core, as DEPENDENCIES.md
// records it (quoted, not re-measured here: nothing is installed for it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { issueOnce } from '../issue/issue.bench';
import { BENCH_ADMIN_TOKEN, HubProcess } from '../support/hub-process';
import { LoadResult, argument, format, median, runLoad } from '../support/load';

const OPEN_ATTESTATION_VERIFY_PER_SECOND = 2400;

interface Reference {
  issuingAuthority: string;
  certificateNumber: string;
  document: string;
  signature: string;
}

async function key(hub: HubProcess, body: Record<string, unknown>, owner: Record<string, unknown>): Promise<string> {
  await hub.json('POST', '/v1/authorities', BENCH_ADMIN_TOKEN, body);
  const created = await hub.json<{ key: string }>('POST', '/v1/api-keys', BENCH_ADMIN_TOKEN, owner);
  if (created.status !== 201) throw new Error(`could not create an API key: ${created.status}`);
  return created.body.key;
}

async function prepare(hub: HubProcess, count: number): Promise<{ customs: string; references: Reference[] }> {
  const issuer = await key(hub, { code: 'KH-MOC', name: 'Ministry of Commerce', country: 'KH', roles: ['ISSUER'] }, { authority: 'KH-MOC' });
  const customs = await key(hub, { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', roles: ['CUSTOMS'] }, { authority: 'JP-CUSTOMS' });
  const devKeys = await hub.json('POST', '/v1/pki/dev-keys', BENCH_ADMIN_TOKEN, { authorities: ['KH-MOC'] });
  if (devKeys.status !== 200) throw new Error(`no signing key: ${devKeys.status}`);
  for (let i = 0; i < count; i++) if (!(await issueOnce(hub, issuer))) throw new Error('a certificate could not be issued: check the hub log above');
  const listed = await hub.json<{ items: { id: string; certificateNumber: string }[] }>('GET', `/v1/certificates?limit=${Math.min(count, 200)}`, issuer);
  const references: Reference[] = [];
  for (const item of listed.body.items) {
    const get = async (part: string) => Buffer.from(await (await fetch(`${hub.url}/v1/certificates/${item.id}/${part}`, { headers: { authorization: `Bearer ${issuer}` } })).arrayBuffer());
    references.push({ issuingAuthority: 'KH-MOC', certificateNumber: item.certificateNumber, document: (await get('document')).toString('base64'), signature: (await get('signature')).toString('base64') });
  }
  return { customs, references };
}

async function post(hub: HubProcess, body: unknown, token?: string, from?: string): Promise<boolean> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (from) headers['x-forwarded-for'] = from;
  const response = await fetch(`${hub.url}/v1/verifications`, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = (await response.json()) as { verdict?: string };
  return response.status === 200 && answer.verdict === 'VALID';
}

// `openssl speed` prints e.g. "rsa 2048 bits 0.000218s 0.000006s   4587.2 161290.3" (sign/s, verify/s).
function opensslVerifyRate(seconds: number): number {
  const output = execFileSync('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const match = /rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+[\d.]+\s+([\d.]+)/.exec(output);
  if (!match) throw new Error(`cannot read verify/s from openssl speed output:\n${output}`);
  return Number(match[1]);
}

async function main(): Promise<void> {
  const rounds = argument('--rounds', 3);
  const seconds = argument('--seconds', 10);
  const count = argument('--certificates', 200);
  const hub = await HubProcess.start({ HUB_PUBLIC_RATE_LIMIT: '1000000', HUB_PUBLIC_RATE_WINDOW_SECONDS: '1' });
  const results: Record<string, LoadResult[]> = {};
  const keep = (result: LoadResult) => (results[result.label] ??= []).push(result);
  try {
    const { customs, references } = await prepare(hub, count);
    const pick = (client: number, i: number) => references[(client * 7919 + i) % references.length];
    console.log(`verification benchmark: ${references.length} certificates, ${seconds}s per measurement, ${rounds} rounds, node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}\n`);
    for (let round = 1; round <= rounds; round++) {
      console.log(`round ${round}`);
      for (const clients of [10, 50]) {
        const health = await runLoad(`health c${clients}`, clients, seconds, async () => (await fetch(`${hub.url}/health`).then((r) => r.arrayBuffer().then(() => r.status))) === 200);
        const customsRef = await runLoad(`ref customs c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { issuingAuthority: r.issuingAuthority, certificateNumber: r.certificateNumber }, customs); });
        const publicRef = await runLoad(`ref public c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { issuingAuthority: r.issuingAuthority, certificateNumber: r.certificateNumber }, undefined, `192.0.2.${c}`); });
        const upload = await runLoad(`document c${clients}`, clients, seconds, (c, i) => { const r = pick(c, i); return post(hub, { documentBase64: r.document, signature: r.signature }, customs); });
        for (const result of [health, customsRef, publicRef, upload]) {
          keep(result);
          console.log(`  ${format(result)}`);
        }
      }
      const openssl = opensslVerifyRate(Math.min(seconds, 5));
      keep({ label: 'openssl verify', operations: 0, errors: 0, perSecond: openssl, p50Ms: NaN, p99Ms: NaN });
      console.log(`  openssl speed rsa2048: ${openssl.toFixed(0)} verify/s (one core)\n`);
    }
    const summary = Object.fromEntries(
      Object.entries(results).map(([label, list]) => [label, { perSecond: median(list.map((r) => r.perSecond)), p50Ms: median(list.map((r) => r.p50Ms)), p99Ms: median(list.map((r) => r.p99Ms)), errors: list.reduce((s, r) => s + r.errors, 0) }]),
    );
    console.log('medians over rounds:');
    for (const [label, s] of Object.entries(summary)) {
      console.log(`  ${label.padEnd(18)} ${s.perSecond.toFixed(1).padStart(8)}/s  p50 ${Number.isNaN(s.p50Ms) ? '     -' : s.p50Ms.toFixed(1).padStart(6)} ms  p99 ${Number.isNaN(s.p99Ms) ? '     -' : s.p99Ms.toFixed(1).padStart(6)} ms  errors ${s.errors}`);
    }
    for (const clients of [10, 50]) {
      const ref = summary[`ref customs c${clients}`].perSecond;
      console.log(
        `c${clients}: by reference (customs) ${ref.toFixed(0)}/s = ${(ref / summary[`health c${clients}`].perSecond).toFixed(3)} x GET /health, ` +
          `${(ref / OPEN_ATTESTATION_VERIFY_PER_SECOND).toFixed(3)} x OpenAttestation's 2.4k verify/s (DEPENDENCIES.md, not re-measured)`,
      );
    }
    const dir = join(__dirname, '../results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'verify.json'), JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, seconds, rounds, certificates: references.length, summary, openAttestationQuoted: OPEN_ATTESTATION_VERIFY_PER_SECOND }, null, 2));
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
