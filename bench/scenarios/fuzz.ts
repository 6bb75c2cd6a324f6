// The fuzz properties of src/pki/crypto/readers.fuzz.spec.ts at length: every reader of outside input
// (DER, X.509, PEM, CRL, CMS and its verifier, PKCS#12, private key PEM, the API entries) against
// mutated real structures and random bytes, with a fresh seed unless one is given:
//   npm run bench:fuzz -- [--runs 5000] [--seed 12345] [--target CMS]
// Long, so only run when named. One round, whatever --rounds says. Prints per reader the runs, seed,
// duration and slowest input (a busy machine stretches durations, not outcomes), and for a failure
// the shrunk input in hex, to add to test/fixtures/pki-fuzz-regressions.ts once fixed; the run then
// fails. No build, no database: the readers are pure.
import fc from 'fast-check';
import { buildFuzzSeeds } from '../../test/support/pki-fuzz/seeds';
import { FUZZ_TARGETS } from '../../test/support/pki-fuzz/targets';
import { Figure, Scenario } from '../support/scenario';

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

const scenario: Scenario = {
  description: 'the pki readers fuzzed at length (a fresh seed unless --seed is given)',
  options: { runs: 5000 },
  textOptions: ['seed', 'target'],
  build: false,
  long: true,
  once: true,
  async start(context) {
    const runs = context.option('runs');
    const given = context.text('seed');
    const seed = given === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(given);
    if (!Number.isInteger(seed) || seed <= 0) throw new Error('--seed must be a positive integer');
    const filter = context.text('target');
    const started = process.hrtime.bigint();
    const seeds = buildFuzzSeeds();
    context.log(`${runs} runs per reader, seed ${seed}; seeds built in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
    const results: TargetResult[] = [];
    return {
      async round() {
        const figures: Figure[] = [];
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
          if (outcome.failed) context.log(`${target.name} FAILED after ${outcome.numRuns} runs (shrunk ${outcome.numShrinks} times): ${result.error}\n  input ${result.counterexample}`);
          figures.push({ figure: `${target.name}: ${outcome.numRuns} runs, seed ${seed}${outcome.failed ? ', FAILED' : ''}`, unit: 'ms', hub: milliseconds, detail: { slowestMs: slowest } });
        }
        return figures;
      },
      async finish() {
        const failed = results.filter((result) => result.failed);
        if (failed.length > 0) throw new Error(`${failed.length} reader(s) failed with seed ${seed}: ${failed.map((result) => `${result.target}: ${result.error}; input ${result.counterexample}`).join('\n')}`);
      },
      stop: async () => undefined,
    };
  },
};

export default scenario;
