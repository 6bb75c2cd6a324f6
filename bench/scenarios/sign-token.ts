// Signing through a PKCS#11 token (issue 21) beside signing with a database key, both through the
// hub's one signer (pki/keys KeySigner: CMS around `sign(bytes, algorithm)`), against `openssl speed
// rsa2048` sign/s measured in the same round, the order alternating. The token is SoftHSM2, made
// afresh in a temporary directory (a software token: a hardware module has its own ceiling, often
// lower, sometimes higher with several sessions). The token signs on libuv's thread pool through
// pkcs11js's asynchronous calls: measured with one signature in flight and with `--inFlight` (default
// 4, the pool's size), with the event loop's longest stall while signing reported beside it.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalize } from 'json-canonicalize';
import { verifyDetachedCms } from '../../src/pki/crypto/cms-verifier';
import { createDevCa, createDevSigningKey, signCsr } from '../../src/pki/crypto/dev-pki';
import { createCsrSignedBy } from '../../src/pki/crypto/keys';
import { SoftwareKeyHandle } from '../../src/pki/keys/key-handle';
import { KeySigner } from '../../src/pki/keys/key-signer';
import { Pkcs11Token } from '../../src/pki/keys/pkcs11/pkcs11-token';
import { SoftHsmToken, SOFTHSM_LIBRARY } from '../../test/support/softhsm';
import { opensslRsa2048 } from '../support/openssl';
import { alternate, Figure, Scenario } from '../support/scenario';

const SAMPLE = join(__dirname, '../../../shared/samples/rcep-th-cn-durian.json');
const SIGNING_TIME = new Date('2026-03-02T09:30:00Z');

function loadDocument(): Buffer {
  const document: unknown = existsSync(SAMPLE)
    ? JSON.parse(readFileSync(SAMPLE, 'utf8'))
    : { certificateNumber: 'TH-RCEP-2026-0098812', items: Array.from({ length: 12 }, (_, i) => ({ itemNumber: i + 1, hsCode: '081060' })) };
  return Buffer.from(canonicalize(document), 'utf8');
}

/** Signatures per second for `seconds`, `inFlight` at a time, and the event loop's longest stall meanwhile (ms). */
async function measure(seconds: number, inFlight: number, operation: () => Promise<unknown>): Promise<{ perSecond: number; maxStallMs: number }> {
  for (let i = 0; i < 20; i++) await operation(); // warm-up
  const stall = monitorEventLoopDelay({ resolution: 5 });
  stall.enable();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let count = 0;
  const lane = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      await operation();
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  stall.disable();
  return { perSecond: count / elapsed, maxStallMs: stall.max / 1e6 };
}

const scenario: Scenario = {
  description: 'CMS signatures per second through a PKCS#11 token (SoftHSM2) and with a database key, vs openssl speed rsa2048 sign',
  options: { seconds: 3, inFlight: 4 },
  build: false,
  async start(context) {
    const seconds = context.option('seconds');
    const inFlight = context.option('inFlight');
    if (!existsSync(SOFTHSM_LIBRARY)) throw new Error(`SoftHSM2 is not installed (${SOFTHSM_LIBRARY}): apt-get install softhsm2`);
    const softhsm = SoftHsmToken.create('ecoo-bench');
    // SoftHSM2 reads its configuration from the environment when the library initialises.
    process.env.SOFTHSM2_CONF = softhsm.conf;
    const token = Pkcs11Token.open({ library: SOFTHSM_LIBRARY, tokenLabel: 'ecoo-bench', pinFile: softhsm.pinFile });
    try {
      const validFrom = new Date('2026-01-01T00:00:00Z');
      const validTo = new Date('2036-01-01T00:00:00Z');
      const ca = createDevCa({ commonName: 'Bench Root CA', validDays: 3650, validFrom, keyBits: 2048 });
      const intermediate = createDevCa({ commonName: 'Bench Issuing CA', validDays: 3650, validFrom, keyBits: 2048, issuer: ca });

      // The token key: generated in the token, its CSR signed there, certified by the bench CA.
      const tokenKeyId = Buffer.from('5bec4a11e0c0a7b1e5e7b5e1c4e5a7b1', 'hex');
      const publicKey = await token.generateRsaKeyPair(tokenKeyId, 'ecoo-hub bench', 2048);
      const tokenHandle = { publicKey, sign: (bytes: Buffer) => token.signSha256(tokenKeyId, bytes) };
      const csrPem = await createCsrSignedBy({ subject: { CN: 'Bench token signer', C: 'TH' }, signer: tokenHandle });
      const tokenCert = signCsr(intermediate, csrPem, { validFrom, validTo });
      const tokenSigner = new KeySigner(tokenHandle, tokenCert.certDer, [intermediate.certDer]);

      // The database key: what DatabaseKeyStore opens, a node:crypto key behind the same KeySigner.
      const dbKey = createDevSigningKey({ ca: intermediate, subject: { CN: 'Bench database signer', C: 'TH' }, validFrom, validTo, keyBits: 2048 });
      const dbSigner = new KeySigner(new SoftwareKeyHandle(dbKey.privateKey), dbKey.certDer, dbKey.chainDer);

      const document = loadDocument();
      for (const signer of [tokenSigner, dbSigner]) {
        const sample = await signer.signCms(document, SIGNING_TIME);
        const check = verifyDetachedCms({ content: document, cmsDer: sample, trustAnchorsDer: [ca.certDer], issueTime: SIGNING_TIME, now: SIGNING_TIME });
        if (!check.valid) throw new Error(`benchmark signature does not verify: ${check.reasons.join(', ')}`);
      }
      context.log(`RSA-2048, ${document.length}-byte document, SoftHSM2 token in ${softhsm.dir}, ${inFlight} in flight (UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? 4})`);

      return {
        async round(round): Promise<Figure[]> {
          const results: Record<string, { perSecond: number; maxStallMs: number }> = {};
          let openssl = 0;
          const steps: Array<[string, () => Promise<void>]> = [
            ['token1', async () => void (results.token1 = await measure(seconds, 1, () => tokenSigner.signCms(document, SIGNING_TIME)))],
            ['tokenN', async () => void (results.tokenN = await measure(seconds, inFlight, () => tokenSigner.signCms(document, SIGNING_TIME)))],
            ['database', async () => void (results.database = await measure(seconds, 1, () => dbSigner.signCms(document, SIGNING_TIME)))],
            ['openssl', async () => void (openssl = opensslRsa2048(seconds).signPerSecond)],
          ];
          for (const [, run] of alternate(round, steps)) await run();
          const reference = { label: 'openssl speed rsa2048 sign', value: openssl };
          return [
            { figure: 'CMS signatures through the PKCS#11 token (SoftHSM2), 1 in flight', unit: '/s', hub: results.token1.perSecond, reference, detail: { maxEventLoopStallMs: results.token1.maxStallMs } },
            {
              figure: `CMS signatures through the PKCS#11 token (SoftHSM2), ${inFlight} in flight`,
              unit: '/s',
              hub: results.tokenN.perSecond,
              reference,
              detail: { maxEventLoopStallMs: results.tokenN.maxStallMs, tokenToDatabase: results.tokenN.perSecond / results.database.perSecond },
            },
            // Its signatures are synchronous (a fraction of a millisecond each): the loop is not sampled meanwhile, so no stall figure.
            { figure: 'CMS signatures with a database key (in process), 1 in flight', unit: '/s', hub: results.database.perSecond, reference },
          ];
        },
        async stop() {
          token.close();
          softhsm.remove();
        },
      };
    } catch (error) {
      token.close();
      softhsm.remove();
      throw error;
    }
  },
};

export default scenario;
