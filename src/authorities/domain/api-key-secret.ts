import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

// Keys look like `ecoo_<prefix>_<secret>`: the prefix finds the row, the secret is checked against a
// SHA-256 (the secret has 256 bits of entropy, so a slow password hash adds nothing).
const KEY_PATTERN = /^ecoo_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `ecoo_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

// One-shot hashing (crypto.hash): every authenticated request checks a key, and building a Hash
// object for each digest was most of the cost (issue 14: 3.7% of the API process's samples under
// GET as the issuer, three digests a request).
function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function secretMatches(secret: string, expectedHash: string): boolean {
  const actual = sha256(secret);
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A fixed secret (the operator's token) that presented tokens are compared with in constant time:
 * its digest is made once, each token's once per comparison. Where there is none (a command-line
 * tool that starts the hub's modules and serves no request), nothing matches.
 */
export class FixedToken {
  private readonly digest: Buffer | undefined;

  constructor(token: string | undefined) {
    this.digest = token === undefined ? undefined : sha256(token);
  }

  matches(presented: string): boolean {
    return this.digest !== undefined && timingSafeEqual(sha256(presented), this.digest);
  }
}
