import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as forge from 'node-forge';
import { CmsSigner } from '../../../src/pki/crypto/cms-signer';
import { createCrl, CrlReason, ParsedCrl, parseCrl } from '../../../src/pki/crypto/crl';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from '../../../src/pki/crypto/dev-pki';
import { createCsr } from '../../../src/pki/crypto/keys';
import { pemToDer } from '../../../src/pki/crypto/x509';

// Real structures to mutate, made fresh by each run: a root and an issuing CA, a signing key, the
// hub's own detached CMS signature, a CRL, PKCS#12 files from node-forge and from the system's
// openssl, a CSR, and private keys in PKCS#8 (plain and encrypted). Key derivations are kept to a few
// rounds so that a mutated file costs microseconds, not the 2,048 rounds tools write by default.

export const FUZZ_PASSWORD = 'fuzz password';
const VALID_FROM = new Date('2026-01-01T00:00:00Z');
export const FUZZ_ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
export const FUZZ_CONTENT = Buffer.from('{"certificateNumber":"TH-2026-000123","items":[{"hsCode":"081060"}]}');

export interface FuzzSeeds {
  root: DevCa;
  issuing: DevCa;
  signer: DevSigningKey;
  crl: ParsedCrl;
  // DER seeds, by name.
  der: {
    certificate: Buffer;
    caCertificate: Buffer;
    csr: Buffer;
    crl: Buffer;
    cms: Buffer;
    pkcs12Forge3des: Buffer;
    pkcs12ForgeAes: Buffer;
    pkcs12NoMac: Buffer;
    pkcs12Openssl: Buffer;
    pkcs8: Buffer;
    encryptedPkcs8: Buffer;
  };
  // PEM text of the signer's key, for the key-import reader.
  privateKeyPem: string;
  encryptedPrivateKeyPem: string;
}

// Without a MAC, a reader gets to the bags whatever the password: the way in for an attacker.
function forgePkcs12(key: DevSigningKey, chain: DevCa[], algorithm: '3des' | 'aes256', useMac = true): Buffer {
  const forgeKey = forge.pki.privateKeyFromPem(key.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const certs = [key.certPem, ...chain.map((ca) => ca.certPem)].map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, FUZZ_PASSWORD, { algorithm, count: 1, useMac });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'latin1');
}

function opensslPkcs12(key: DevSigningKey, chain: DevCa[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pki-fuzz-'));
  try {
    writeFileSync(join(dir, 'key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'cert.pem'), key.certPem);
    writeFileSync(join(dir, 'chain.pem'), chain.map((ca) => ca.certPem).join(''));
    const args = ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-certfile', 'chain.pem', '-iter', '1', '-nomaciter'];
    execFileSync('openssl', [...args, '-passout', `pass:${FUZZ_PASSWORD}`, '-out', 'fuzz.p12'], { cwd: dir, stdio: 'pipe' });
    return readFileSync(join(dir, 'fuzz.p12'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// PBES2 with one PBKDF2 round: node:crypto's export always asks for 2,048.
function encryptedPkcs8(key: DevSigningKey): Buffer {
  const forgeKey = forge.pki.privateKeyFromPem(key.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(forgeKey));
  const encrypted = forge.pki.encryptPrivateKeyInfo(info, FUZZ_PASSWORD, { algorithm: 'aes256', count: 1 });
  return Buffer.from(forge.asn1.toDer(encrypted).getBytes(), 'latin1');
}

const pem = (der: Buffer, label: string): string => `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;

export function buildFuzzSeeds(): FuzzSeeds {
  const root = createDevCa({ commonName: 'Fuzz Root CA', organizationName: 'Board of Trade', countryName: 'TH', validDays: 3650, validFrom: VALID_FROM, keyBits: 2048 });
  const issuing = createDevCa({ commonName: 'Fuzz Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyBits: 2048, issuer: root, pathLenConstraint: 0 });
  const signer = createDevSigningKey({
    ca: issuing,
    subject: { CN: 'Fuzz CO Signer', O: 'Board of Trade', OU: 'Certificates of Origin', C: 'TH' },
    validFrom: VALID_FROM,
    validTo: new Date('2028-01-01T00:00:00Z'),
    keyBits: 2048,
  });
  const crlDer = createCrl({
    issuerCert: issuing.certDer,
    issuerKey: issuing.privateKey,
    revoked: [
      { serialHex: 'ff01', date: new Date('2026-02-01T08:00:00Z'), reason: CrlReason.KEY_COMPROMISE },
      { serialHex: '0a', date: new Date('2026-02-02T00:00:00Z') },
    ],
    thisUpdate: new Date('2026-03-01T00:00:00Z'),
    nextUpdate: new Date('2026-04-01T00:00:00Z'),
    crlNumber: 300,
  });
  const cms = new CmsSigner({ signerCertDer: signer.certDer, chainDer: signer.chainDer, privateKey: signer.privateKey }).sign(FUZZ_CONTENT, FUZZ_ISSUE_TIME);
  const encrypted = encryptedPkcs8(signer);
  return {
    root,
    issuing,
    signer,
    crl: parseCrl(crlDer),
    der: {
      certificate: signer.certDer,
      caCertificate: issuing.certDer,
      csr: pemToDer(createCsr({ subject: { CN: 'Fuzz CSR', C: 'TH' }, privateKey: signer.privateKey }), 'CERTIFICATE REQUEST'),
      crl: crlDer,
      cms,
      pkcs12Forge3des: forgePkcs12(signer, [issuing, root], '3des'),
      pkcs12ForgeAes: forgePkcs12(signer, [issuing], 'aes256'),
      pkcs12NoMac: forgePkcs12(signer, [issuing], '3des', false),
      pkcs12Openssl: opensslPkcs12(signer, [issuing, root]),
      pkcs8: signer.privateKey.export({ type: 'pkcs8', format: 'der' }),
      encryptedPkcs8: encrypted,
    },
    privateKeyPem: signer.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    encryptedPrivateKeyPem: pem(encrypted, 'ENCRYPTED PRIVATE KEY'),
  };
}
