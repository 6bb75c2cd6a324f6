// OpenAttestation 6.9.7, the peer of issue 14's figures: installed on demand with npm into a folder
// of its own under the system's temporary directory (never a dependency of the hub), then driven in
// this process, one document at a time, on the shared sample certificate.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './hub-process';

const VERSION = '6.9.7';
const FOLDER = join(tmpdir(), `ecoo-bench-open-attestation-${VERSION}`);

interface OpenAttestationApi {
  wrapDocument(document: unknown): unknown;
  signDocument(wrapped: unknown, algorithm: string, key: { public: string; private: string }): Promise<unknown>;
  verifySignature(document: unknown): boolean;
  validateSchema(document: unknown): boolean;
  SUPPORTED_SIGNING_ALGORITHM: { Secp256k1VerificationKey2018: string };
}

interface WalletApi {
  Wallet: { createRandom(): { address: string; privateKey: string } };
}

/** The peer's two operations on the sample, ready to be timed. */
export interface OpenAttestationPeer {
  /** v2 wrapDocument + signDocument of a fresh copy of the sample. */
  wrapAndSign(): Promise<boolean>;
  /** verifySignature + validateSchema of a signed sample. */
  verify(): boolean;
}

function install(log: (line: string) => void): string {
  const marker = join(FOLDER, 'node_modules/@govtechsg/open-attestation/package.json');
  if (existsSync(marker) && (JSON.parse(readFileSync(marker, 'utf8')) as { version: string }).version === VERSION) return FOLDER;
  mkdirSync(FOLDER, { recursive: true });
  writeFileSync(join(FOLDER, 'package.json'), JSON.stringify({ name: 'ecoo-bench-peer', private: true }));
  log(`installing @govtechsg/open-attestation@${VERSION} into ${FOLDER}`);
  execFileSync('npm', ['install', `@govtechsg/open-attestation@${VERSION}`, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: FOLDER, stdio: 'inherit' });
  return FOLDER;
}

export async function openAttestationPeer(log: (line: string) => void): Promise<OpenAttestationPeer> {
  const folder = install(log);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const oa = require(join(folder, 'node_modules/@govtechsg/open-attestation')) as OpenAttestationApi;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Wallet } = require(join(folder, 'node_modules/@ethersproject/wallet')) as WalletApi;
  const sample = JSON.parse(readFileSync(resolve(ROOT, '../shared/samples/rcep-th-cn-durian.json'), 'utf8')) as Record<string, unknown>;
  const wallet = Wallet.createRandom();
  const did = `did:ethr:${wallet.address}`;
  const key = { public: `${did}#controller`, private: wallet.privateKey };
  // The fields OpenAttestation v2 asks of a document signed by a DID (its renderer and issuer).
  const document = () => ({
    ...structuredClone(sample),
    $template: { name: 'RCEP', type: 'EMBEDDED_RENDERER', url: 'https://renderer.example.org' },
    issuers: [{ id: did, name: 'Ministry of Commerce', revocation: { type: 'NONE' }, identityProof: { type: 'DNS-DID', location: 'example.org', key: key.public } }],
  });
  const algorithm = oa.SUPPORTED_SIGNING_ALGORITHM.Secp256k1VerificationKey2018;
  const signed = await oa.signDocument(oa.wrapDocument(document()), algorithm, key);
  if (!oa.verifySignature(signed) || !oa.validateSchema(signed)) throw new Error('OpenAttestation does not verify its own signed sample');
  return {
    wrapAndSign: async () => (await oa.signDocument(oa.wrapDocument(document()), algorithm, key)) !== undefined,
    verify: () => oa.verifySignature(signed) && oa.validateSchema(signed),
  };
}

/** How an in-process rate of the peer stops when the peer fails what it must pass (load.ts inProcessRate). */
export const PEER_FAILED = 'the peer failed an operation it must pass';
