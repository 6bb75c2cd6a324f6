import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as forge from 'node-forge';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { generateRsaKeyPair, parsePemBundle, parsePkcs12 } from './keys';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { derToPem, publicKeyMatches } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const PASSWORD = 'correct horse battery staple';

const withCode = (code: PkiCryptoErrorCode) => expect.objectContaining({ name: 'PkiCryptoError', code });

describe('key import', () => {
  let dir: string;
  let root: DevCa;
  let intermediate: DevCa;
  let key: DevSigningKey;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keys-'));
    root = createDevCa({ commonName: 'Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    intermediate = createDevCa({ commonName: 'Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: root });
    key = createDevSigningKey({ ca: intermediate, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    writeFileSync(join(dir, 'key.pem'), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'cert.pem'), key.certPem);
    // Chain deliberately root first: the import orders it from the signer's issuer upwards.
    writeFileSync(join(dir, 'chain.pem'), root.certPem + intermediate.certPem);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function opensslPkcs12(name: string, ...extra: string[]): Buffer {
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'cert.pem', '-certfile', 'chain.pem', '-passout', `pass:${PASSWORD}`, '-out', name, ...extra], {
      cwd: dir,
      stdio: 'pipe',
    });
    return readFileSync(join(dir, name));
  }

  describe('parsePkcs12', () => {
    it('imports an OpenSSL 3 PKCS#12 (AES-256, PBKDF2, SHA-256 MAC) with the right password', () => {
      const imported = parsePkcs12(opensslPkcs12('openssl.p12', '-inkey', 'key.pem'), PASSWORD);

      expect(imported.certDer.equals(key.certDer)).toBe(true);
      expect(publicKeyMatches(imported.certDer, imported.privateKey)).toBe(true);
      expect(imported.chainDer).toEqual([intermediate.certDer, root.certDer]);
    });

    it('refuses an OpenSSL 3 PKCS#12 with a wrong password as BAD_PASSWORD', () => {
      const p12 = opensslPkcs12('openssl-wrong.p12', '-inkey', 'key.pem');

      expect(() => parsePkcs12(p12, 'Tr0ub4dor&3')).toThrow(withCode(PkiCryptoErrorCode.BAD_PASSWORD));
    });

    it('imports a legacy 3DES PKCS#12 made with node-forge, and refuses it with a wrong password', () => {
      const forgeKey = forge.pki.privateKeyFromPem(key.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
      const certs = [key.certPem, intermediate.certPem].map((pem) => forge.pki.certificateFromPem(pem));
      const p12 = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(forgeKey, certs, PASSWORD, { algorithm: '3des' })).getBytes(), 'latin1');

      expect(publicKeyMatches(parsePkcs12(p12, PASSWORD).certDer, key.privateKey)).toBe(true);
      expect(() => parsePkcs12(p12, 'wrong')).toThrow(withCode(PkiCryptoErrorCode.BAD_PASSWORD));
    });

    it('refuses a PKCS#12 without a private key as NO_PRIVATE_KEY', () => {
      const p12 = opensslPkcs12('nokeys.p12', '-nokeys');

      expect(() => parsePkcs12(p12, PASSWORD)).toThrow(withCode(PkiCryptoErrorCode.NO_PRIVATE_KEY));
    });

    it('refuses bytes that are not PKCS#12 as MALFORMED_PKCS12', () => {
      for (const input of [Buffer.alloc(0), Buffer.from('not a p12'), key.certDer]) {
        expect(() => parsePkcs12(input, PASSWORD)).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PKCS12));
      }
    });
  });

  describe('parsePemBundle', () => {
    it('imports an encrypted PKCS#8 key with its certificates, signer first whatever the order', () => {
      const encrypted = key.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD }) as string;

      const imported = parsePemBundle(encrypted, root.certPem + key.certPem + intermediate.certPem, PASSWORD);

      expect(imported.certDer.equals(key.certDer)).toBe(true);
      expect(imported.chainDer).toEqual([intermediate.certDer, root.certDer]);
    });

    it('refuses a wrong or missing passphrase as BAD_PASSWORD', () => {
      const encrypted = key.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD }) as string;

      expect(() => parsePemBundle(encrypted, key.certPem, 'wrong')).toThrow(withCode(PkiCryptoErrorCode.BAD_PASSWORD));
      expect(() => parsePemBundle(encrypted, key.certPem)).toThrow(withCode(PkiCryptoErrorCode.BAD_PASSWORD));
    });

    it('refuses a bundle without a key, without certificates, or whose certificates do not match the key', () => {
      const keyPem = key.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;

      expect(() => parsePemBundle(key.certPem, key.certPem)).toThrow(withCode(PkiCryptoErrorCode.NO_PRIVATE_KEY));
      expect(() => parsePemBundle(keyPem, '')).toThrow(withCode(PkiCryptoErrorCode.NO_CERTIFICATE));
      expect(() => parsePemBundle(keyPem, root.certPem)).toThrow(withCode(PkiCryptoErrorCode.KEY_CERTIFICATE_MISMATCH));
    });

    it('refuses a damaged key PEM as MALFORMED_PEM', () => {
      expect(() => parsePemBundle(derToPem(Buffer.from('garbage'), 'PRIVATE KEY'), key.certPem)).toThrow(withCode(PkiCryptoErrorCode.MALFORMED_PEM));
    });
  });

  it('generates RSA key pairs off the event loop', async () => {
    const { privateKey, publicKey } = await generateRsaKeyPair(2048);

    expect(privateKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(publicKey.type).toBe('public');
  });
});
