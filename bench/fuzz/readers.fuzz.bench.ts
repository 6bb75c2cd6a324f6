// The fuzz properties of src/pki/crypto/readers.fuzz.spec.ts at length: every reader of outside input
// (DER, X.509, PEM, CRL, CMS and its verifier, PKCS#12, private key PEM, the API entries) against
// mutated real structures and random bytes, with a fresh seed unless one is given.
//
// Run from the repository root:   npm run bench:fuzz -- [--runs 5000] [--seed 12345] [--target CMS]
// Prints per reader the runs, seed, duration and slowest input; the load average before and after (a
// busy machine stretches durations, not outcomes); and for a failure the shrunk input in hex, to
// add to test/fixtures/pki-fuzz-regressions.ts once fixed. Exits 1 when a property fails. Results
// also go to bench/results/fuzz.json.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { buildFuzzSeeds } from '../../test/support/pki-fuzz/seeds';
import { FUZZ_TARGETS } from '../../test/support/pki-fuzz/targets';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function positive(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

const load = (): string => loadavg().map((value) => value.toFixed(2)).join(' ');

function printable(input: unknown): string {
  if (Buffer.isBuffer(input)) return `${input.length} bytes: ${input.toString('hex')}`;
  if (typeof input === 'string') return `${input.length} characters (hex of the text): ${Buffer.from(input, 'latin1').toString('hex')}`;
  return JSON.stringify(input, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value));
}

interface TargetResult {
  target: string;
  runs: number;
  seed: number;
  milliseconds: number;
  slowestMilliseconds: number;
  failed: boolean;
  counterexample?: string;
  error?: string;
}

function main(): void {
  const runs = positive('--runs', 5000);
  const seed = option('--seed') === undefined ? Math.floor(Math.random() * 2 ** 31) : positive('--seed', 1);
  const filter = option('--target');
  const loadBefore = load();
  console.log(`pki readers fuzz: ${runs} runs per reader, seed ${seed}, node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore}`);
  const started = process.hrtime.bigint();
  const seeds = buildFuzzSeeds();
  console.log(`seeds built in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);

  const results: TargetResult[] = [];
  for (const target of FUZZ_TARGETS.filter((candidate) => !filter || candidate.name.includes(filter))) {
    let slowest = 0;
    const begin = process.hrtime.bigint();
    const property = fc.property(target.input(seeds), (input) => {
      const at = process.hrtime.bigint();
      try {
        target.check(seeds, input);
      } finally {
        slowest = Math.max(slowest, Number(process.hrtime.bigint() - at) / 1e6);
      }
    });
    const outcome = fc.check(property, { seed, numRuns: runs });
    const milliseconds = Number(process.hrtime.bigint() - begin) / 1e6;
    const result: TargetResult = { target: target.name, runs: outcome.numRuns, seed, milliseconds, slowestMilliseconds: slowest, failed: outcome.failed };
    if (outcome.failed) {
      result.counterexample = outcome.counterexample ? printable(outcome.counterexample[0]) : undefined;
      result.error = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
    }
    results.push(result);
    const verdict = outcome.failed ? `FAILED after ${outcome.numRuns} runs (shrunk ${outcome.numShrinks} times)` : 'ok';
    console.log(`${target.name}: ${outcome.numRuns} runs in ${milliseconds.toFixed(0)} ms (slowest input ${slowest.toFixed(1)} ms): ${verdict}`);
    if (outcome.failed) console.log(`  ${result.error}\n  input ${result.counterexample}`);
  }

  const total = Number(process.hrtime.bigint() - started) / 1e6;
  const loadAfter = load();
  const failures = results.filter((result) => result.failed).length;
  console.log(`\n${results.length} readers, ${results.reduce((sum, result) => sum + result.runs, 0)} runs, seed ${seed}, ${(total / 1000).toFixed(1)} s; load average before ${loadBefore}, after ${loadAfter}: ${failures === 0 ? 'no failure' : `${failures} FAILED`}`);
  const resultsDir = join(__dirname, '../results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'fuzz.json'),
    JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, cpus: cpus().length, loadBefore, loadAfter, seed, runsPerReader: runs, totalMilliseconds: total, results }, null, 2),
  );
  if (failures > 0) process.exitCode = 1;
}

main();
