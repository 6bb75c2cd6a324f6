// CMS signing benchmark (DESIGN.md section 9): in-process detached CMS signatures per second on one
// core, against `openssl speed rsa2048` sign/s measured in the same run; target ratio >= 0.8.
//
// Run from the repository root:   bash bench/sign/run.sh [--rounds 3] [--seconds 3]
// run.sh compiles the TypeScript on the fly with @swc/core (a dev dependency) through a require hook,
// so neither ts-node nor a build is needed. Rounds alternate which side is measured first, and the
// median of the per-round ratios is reported. Results also go to bench/results/cms-sign.json.
import { execFileSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from 'json-canonicalize';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { verifyDetachedCms } from '../../src/pki/crypto/cms-verifier';
import { createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';

const TARGET_RATIO = 0.8;
const SAMPLE = join(__dirname, '../../../shared/samples/rcep-th-cn-durian.json');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

// The signed bytes are the RFC 8785 form of a certificate document (DESIGN.md section 7).
function loadDocument(): Buffer {
  const document: unknown = existsSync(SAMPLE)
    ? JSON.parse(readFileSync(SAMPLE, 'utf8'))
    : { certificateNumber: 'TH-RCEP-2026-0098812', items: Array.from({ length: 12 }, (_, i) => ({ itemNumber: i + 1, hsCode: '081060' })) };
  return Buffer.from(canonicalize(document), 'utf8');
}

function measure(seconds: number, operation: () => void): number {
  for (let i = 0; i < 50; i++) operation(); // warm-up
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let count = 0;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 20; i++) operation();
    count += 20;
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

// `openssl speed` prints e.g. "rsa 2048 bits 0.000218s 0.000006s   4587.2 161290.3" (sign/s, verify/s).
function opensslSignRate(seconds: number): number {
  const output = execFileSync('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const match = /rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+[\d.]+/.exec(output);
  if (!match) throw new Error(`cannot read sign/s from openssl speed output:\n${output}`);
  return Number(match[1]);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function main(): void {
  const rounds = option('--rounds', 3);
  const seconds = option('--seconds', 3);
  const validFrom = new Date('2026-01-01T00:00:00Z');
  const ca = createDevCa({ commonName: 'Bench Root CA', validDays: 3650, validFrom, keyBits: 2048 });
  const intermediate = createDevCa({ commonName: 'Bench Issuing CA', validDays: 3650, validFrom, keyBits: 2048, issuer: ca });
  const key = createDevSigningKey({ ca: intermediate, subject: { CN: 'Bench Signer', C: 'TH' }, validFrom, validTo: new Date('2036-01-01Z'), keyBits: 2048 });
  const signer = new CmsSigner({ signerCertDer: key.certDer, chainDer: key.chainDer, privateKey: key.privateKey });
  const document = loadDocument();
  const signingTime = new Date('2026-03-02T09:30:00Z');

  // Sanity check: what is measured must be a signature our verifier accepts.
  const sample = signer.sign(document, signingTime);
  const check = verifyDetachedCms({ content: document, cmsDer: sample, trustAnchorsDer: [ca.certDer], issueTime: signingTime, now: signingTime });
  if (!check.valid) throw new Error(`benchmark signature does not verify: ${check.reasons.join(', ')}`);

  console.log(`CMS signing benchmark: RSA-2048, ${document.length}-byte document, CMS ${sample.length} bytes, chain of 2`);
  console.log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${rounds} rounds of ${seconds}s\n`);
  const results: { round: number; cmsPerSecond: number; rawNodeSignPerSecond: number; opensslSignPerSecond: number; ratio: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const ours = () => measure(seconds, () => signer.sign(document, signingTime));
    let cmsPerSecond: number;
    let opensslSignPerSecond: number;
    if (round % 2 === 1) {
      cmsPerSecond = ours();
      opensslSignPerSecond = opensslSignRate(seconds);
    } else {
      opensslSignPerSecond = opensslSignRate(seconds);
      cmsPerSecond = ours();
    }
    // For reference only: the bare node:crypto RSA signature the CMS is built around.
    const rawNodeSignPerSecond = measure(Math.min(seconds, 1), () => sign('sha256', document, key.privateKey));
    const ratio = cmsPerSecond / opensslSignPerSecond;
    results.push({ round, cmsPerSecond, rawNodeSignPerSecond, opensslSignPerSecond, ratio });
    console.log(
      `round ${round}: CMS ${cmsPerSecond.toFixed(0)}/s, openssl speed ${opensslSignPerSecond.toFixed(0)} sign/s, ` +
        `ratio ${ratio.toFixed(3)} (bare node:crypto sign ${rawNodeSignPerSecond.toFixed(0)}/s)`,
    );
  }
  const medianRatio = median(results.map((result) => result.ratio));
  const verdict = medianRatio >= TARGET_RATIO ? 'PASS' : 'FAIL';
  console.log(`\nmedian ratio ${medianRatio.toFixed(3)} (target >= ${TARGET_RATIO}): ${verdict}`);

  const resultsDir = join(__dirname, '../results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'cms-sign.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, seconds, rounds: results, medianRatio, target: TARGET_RATIO, verdict }, null, 2),
  );
  if (verdict === 'FAIL') process.exitCode = 1;
}

main();
