import fc from 'fast-check';
import { FUZZ_REGRESSIONS, FuzzRegression } from '../../../test/fixtures/pki-fuzz-regressions';
import { buildFuzzSeeds, FUZZ_CONTENT, FUZZ_ISSUE_TIME, FUZZ_PASSWORD, FuzzSeeds } from '../../../test/support/pki-fuzz/seeds';
import {
  CERTIFICATE_READER,
  CMS_VERIFIER,
  CRL_READER,
  FUZZ_TARGETS,
  FuzzTarget,
  PEM_READER,
  PKCS12_READER,
  PRIVATE_KEY_READER,
} from '../../../test/support/pki-fuzz/targets';
import { CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { parseCrl } from './crl';
import { parsePemBundle, parsePkcs12 } from './keys';
import { parseCertificate, pemBlocks } from './x509';

// The readers of outside input against structure-aware mutations of real structures and random bytes
// (test/support/pki-fuzz/), with a fixed seed and a small number of runs so that CI stays fast and
// repeatable; `npm run bench:fuzz` runs the same properties at length with a fresh seed. Inputs that
// once broke a reader are replayed from test/fixtures/pki-fuzz-regressions.ts.

const FUZZ_SEED = 20260311;
const RUNS_PER_TARGET = 100;

describe('readers of outside input, fuzzed', () => {
  let seeds: FuzzSeeds;

  beforeAll(() => {
    seeds = buildFuzzSeeds();
  });

  describe.each(FUZZ_TARGETS.map((target) => [target.name, target] as const))('%s', (_name, target: FuzzTarget<never>) => {
    it('refuses every mutated or random input with its own code only, and answers what it accepts', () => {
      fc.assert(
        fc.property(target.input(seeds), (input) => target.check(seeds, input)),
        { seed: FUZZ_SEED, numRuns: RUNS_PER_TARGET },
      );
    });
  });

  describe('inputs that once broke a reader', () => {
    const bytes = (regression: FuzzRegression): Buffer => Buffer.concat(Array<Buffer>(regression.repeat ?? 1).fill(Buffer.from(regression.hex, 'hex')));
    const refusalCode = (run: () => unknown): string | undefined => {
      try {
        run();
        return undefined;
      } catch (error) {
        return (error as { code?: string }).code;
      }
    };
    // Per reader: the fuzz property (refused with its own code, no crash) and the code it answers now.
    const replay: Record<FuzzRegression['reader'], { check: (input: Buffer) => void; code: (input: Buffer) => string | undefined }> = {
      certificate: { check: (input) => CERTIFICATE_READER.check(seeds, input), code: (input) => refusalCode(() => parseCertificate(input)) },
      crl: { check: (input) => CRL_READER.check(seeds, input), code: (input) => refusalCode(() => parseCrl(input)) },
      pkcs12: { check: (input) => PKCS12_READER.check(seeds, input), code: (input) => refusalCode(() => parsePkcs12(input, FUZZ_PASSWORD)) },
      'private-key-pem': {
        check: (input) => PRIVATE_KEY_READER.check(seeds, input.toString('latin1')),
        code: (input) => refusalCode(() => parsePemBundle(input.toString('latin1'), seeds.signer.certPem, FUZZ_PASSWORD)),
      },
      pem: { check: (input) => PEM_READER.check(seeds, input.toString('latin1')), code: (input) => refusalCode(() => pemBlocks(input.toString('latin1'))) },
      verifier: {
        check: (input) => CMS_VERIFIER.check(seeds, input),
        code: (input) =>
          verifyDetachedCms({ content: FUZZ_CONTENT, cmsDer: input, trustAnchorsDer: [seeds.root.certDer], issueTime: FUZZ_ISSUE_TIME, now: FUZZ_ISSUE_TIME }).reasons.join(','),
      },
    };

    it.each(FUZZ_REGRESSIONS.map((regression, index) => [index, regression.reader, regression] as const))(
      '#%i (%s) is refused with its code and without a crash',
      (_index, _reader, regression) => {
        const input = bytes(regression);
        const { check, code } = replay[regression.reader];

        expect(() => check(input)).not.toThrow();
        expect(code(input)).toBe(regression.refusal);
      },
    );

    it('keeps a regression for every reader it names', () => {
      expect(new Set(FUZZ_REGRESSIONS.map((regression) => regression.reader))).toEqual(new Set(Object.keys(replay)));
      expect(FUZZ_REGRESSIONS.find((regression) => regression.reader === 'verifier')?.refusal).toBe(CmsReasonCode.MALFORMED_CMS);
    });
  });
});
