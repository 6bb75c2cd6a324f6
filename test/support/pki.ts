import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrl, CrlReason } from '../../src/pki/crypto/crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from '../../src/pki/crypto/dev-pki';
import { KeyUsageFlags, parseCertificate } from '../../src/pki/crypto/x509';
import { testKeyPair } from './key-pool';

const DAY_MS = 86_400_000;

/**
 * An authority's own PKI outside the hub (a root and an issuing CA), for the tests that register
 * anchors, import keys and upload CRLs as an operator would.
 */
export class ExternalPki {
  readonly root: DevCa;
  readonly issuing: DevCa;

  constructor(readonly name: string) {
    const validFrom = new Date(Date.now() - 30 * DAY_MS);
    this.root = createDevCa({ commonName: `${name} Root CA`, organizationName: name, validDays: 3650, validFrom, keyBits: 2048, keyPair: testKeyPair() });
    this.issuing = createDevCa({ commonName: `${name} Issuing CA`, organizationName: name, validDays: 1825, validFrom, keyBits: 2048, issuer: this.root, keyPair: testKeyPair() });
  }

  signingKey(options: { cn?: string; validFrom?: Date; validTo?: Date; keyUsage?: Partial<KeyUsageFlags> | null } = {}): DevSigningKey {
    return createDevSigningKey({
      ca: this.issuing,
      subject: { CN: options.cn ?? `${this.name} CO signer` },
      validFrom: options.validFrom ?? new Date(Date.now() - DAY_MS),
      validTo: options.validTo ?? new Date(Date.now() + 365 * DAY_MS),
      keyBits: 2048,
      keyPair: testKeyPair(),
      keyUsage: options.keyUsage,
    });
  }

  privateKeyPem(key: DevSigningKey): string {
    return key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }

  /** A PKCS#12 file made by the system's openssl, as an operator would bring it. */
  pkcs12(key: DevSigningKey, password: string): Buffer {
    const dir = mkdtempSync(join(tmpdir(), 'p12-'));
    try {
      writeFileSync(join(dir, 'key.pem'), this.privateKeyPem(key));
      writeFileSync(join(dir, 'cert.pem'), key.certPem);
      writeFileSync(join(dir, 'chain.pem'), this.issuing.certPem + this.root.certPem);
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-certfile', 'chain.pem', '-passout', `pass:${password}`, '-out', 'key.p12'], { cwd: dir, stdio: 'pipe' });
      return readFileSync(join(dir, 'key.p12'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** A CRL of the issuing CA revoking the given certificates at the given dates. */
  crl(revoked: { certDer: Buffer; date: Date }[], options: { thisUpdate?: Date; nextUpdate?: Date; by?: DevCa } = {}): Buffer {
    const by = options.by ?? this.issuing;
    return createCrl({
      issuerCert: by.certDer,
      issuerKey: by.privateKey,
      revoked: revoked.map((entry) => ({ serialHex: parseCertificate(entry.certDer).serialNumberHex, date: entry.date, reason: CrlReason.KEY_COMPROMISE })),
      thisUpdate: options.thisUpdate ?? new Date(Date.now() - 60_000),
      nextUpdate: options.nextUpdate ?? new Date(Date.now() + 7 * DAY_MS),
    });
  }
}
