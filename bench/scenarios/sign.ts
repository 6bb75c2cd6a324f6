// CMS signing (DESIGN.md section 9): in-process detached CMS signatures per second on one core,
// against `openssl speed rsa2048` sign/s measured in the same round, the order alternating; target
// ratio >= 0.8. The bare node:crypto RSA signature the CMS is built around is reported beside it. No
// build and no database: the TypeScript is compiled on the fly (bench/register-ts.js).
import { sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize } from 'json-canonicalize';
import { CmsSigner } from '../../src/pki/crypto/cms-signer';
import { verifyDetachedCms } from '../../src/pki/crypto/cms-verifier';
import { createDevCa, createDevSigningKey } from '../../src/pki/crypto/dev-pki';
import { opensslRsa2048 } from '../support/openssl';
import { Scenario } from '../support/scenario';

const TARGET_RATIO = 0.8;
const SAMPLE = join(__dirname, '../../../shared/samples/rcep-th-cn-durian.json');

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

const scenario: Scenario = {
  description: 'CMS signatures per second in process vs openssl speed rsa2048 sign, one core',
  options: { seconds: 3 },
  build: false,
  async start(context) {
    const seconds = context.option('seconds');
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
    context.log(`RSA-2048, ${document.length}-byte document, CMS ${sample.length} bytes, chain of 2`);
    return {
      async round(round) {
        const ours = () => measure(seconds, () => signer.sign(document, signingTime));
        let cmsPerSecond: number;
        let opensslSignPerSecond: number;
        if (round % 2 === 1) {
          cmsPerSecond = ours();
          opensslSignPerSecond = opensslRsa2048(seconds).signPerSecond;
        } else {
          opensslSignPerSecond = opensslRsa2048(seconds).signPerSecond;
          cmsPerSecond = ours();
        }
        // For reference only: the bare node:crypto RSA signature the CMS is built around.
        const rawNodeSignPerSecond = measure(Math.min(seconds, 1), () => sign('sha256', document, key.privateKey));
        return [
          {
            figure: 'CMS signatures in process, one core',
            unit: '/s',
            hub: cmsPerSecond,
            reference: { label: 'openssl speed rsa2048 sign', value: opensslSignPerSecond },
            target: { on: 'ratio', atLeast: TARGET_RATIO },
            detail: { rawNodeSignPerSecond },
          },
        ];
      },
      stop: async () => undefined,
    };
  },
};

export default scenario;
