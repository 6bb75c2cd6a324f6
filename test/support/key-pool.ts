import { createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { generateRsaKeyPairSync, RsaKeyPair } from '../../src/pki/crypto/keys';

/** Where the run's pool of key pairs is (a JSON file of PKCS#8 PEMs), for the workers. */
export const RUN_KEY_POOL = 'ECOO_TEST_KEY_POOL';

const generate = promisify(generateKeyPair);

/**
 * Makes `count` RSA-2048 key pairs for the run, on libuv's threads (both cores), and writes them to
 * `file`. The keys specs make for themselves (test CAs, partner nodes, other countries' issuers)
 * come from here: an RSA key costs about as much CPU as a hub's boot, and a run makes hundreds.
 */
export async function makeKeyPool(file: string, count: number): Promise<void> {
  const pairs = await Promise.all(Array.from({ length: count }, () => generate('rsa', { modulusLength: 2048, publicExponent: 0x10001, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })));
  writeFileSync(file, JSON.stringify(pairs.map((pair) => pair.privateKey)), { mode: 0o600 });
}

let pool: string[] | undefined;
let taken = 0;

/**
 * A key pair no other call in this spec file got: the pool's next one (spec files never meet each
 * other's keys, each file starting from the pool's first), or a new one once the pool is spent or
 * when there is none (the trial project run alone).
 */
export function testKeyPair(): RsaKeyPair {
  const file = process.env[RUN_KEY_POOL];
  pool ??= file ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
  const pem = pool[taken++];
  if (pem === undefined) return generateRsaKeyPairSync(2048);
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
