import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrl, crlProblem, CrlReason, findRevocation, parseCrl, verifyCrlSignature } from './crl';
import { createDevCa, DevCa } from './dev-pki';
import { PkiCryptoErrorCode } from './pki-crypto.error';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const THIS_UPDATE = new Date('2026-03-01T00:00:00Z');
const NEXT_UPDATE = new Date('2026-04-01T00:00:00Z');

describe('CRL', () => {
  let dir: string;
  let ca: DevCa;
  let otherCa: DevCa;
  let crlDer: Buffer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crl-'));
    ca = createDevCa({ commonName: 'TH Issuing CA', organizationName: 'Board of Trade, TH', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    otherCa = createDevCa({ commonName: 'Other CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    crlDer = createCrl({
      issuerCert: ca.certDer,
      issuerKey: ca.privateKey,
      revoked: [
        { serialHex: 'ff01', date: new Date('2026-02-01T08:00:00Z'), reason: CrlReason.KEY_COMPROMISE },
        { serialHex: '0a', date: new Date('2026-02-02T00:00:00Z') },
      ],
      thisUpdate: THIS_UPDATE,
      nextUpdate: NEXT_UPDATE,
      crlNumber: 300,
    });
    writeFileSync(join(dir, 'ca.pem'), ca.certPem);
    writeFileSync(join(dir, 'ca.key'), ca.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a CRL that openssl crl -CAfile verifies', () => {
    writeFileSync(join(dir, 'ours.der'), crlDer);

    const run = spawnSync('openssl', ['crl', '-in', 'ours.der', '-inform', 'DER', '-CAfile', 'ca.pem', '-noout'], { cwd: dir, encoding: 'utf8' });

    expect(run.stderr.trim()).toBe('verify OK');
    expect(run.status).toBe(0);
  });

  it('reads back issuer, update times, CRL number and entries with their reasons', () => {
    const crl = parseCrl(crlDer);

    expect(crl.issuer.text).toBe('O=Board of Trade\\, TH, CN=TH Issuing CA');
    expect(crl.thisUpdate).toEqual(THIS_UPDATE);
    expect(crl.nextUpdate).toEqual(NEXT_UPDATE);
    expect(crl.crlNumberHex).toBe('12c');
    expect(crl.revoked).toEqual([
      { serialNumberHex: 'ff01', revocationDate: new Date('2026-02-01T08:00:00Z'), reason: CrlReason.KEY_COMPROMISE },
      { serialNumberHex: 'a', revocationDate: new Date('2026-02-02T00:00:00Z') },
    ]);
    expect(verifyCrlSignature(crl, ca.certDer)).toBe(true);
    expect(crlProblem(crl, ca.certificate, new Date('2026-03-10T00:00:00Z'))).toBeUndefined();
  });

  it('reads and verifies a CRL made by openssl ca -gencrl, in PEM', () => {
    writeFileSync(join(dir, 'index.txt'), 'R\t301231000000Z\t260215103000Z,keyCompromise\t8BADF00D\tunknown\t/CN=Signer\n');
    writeFileSync(join(dir, 'crlnumber'), '1000\n');
    writeFileSync(join(dir, 'ca.cnf'), '[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\n');
    execFileSync(
      'openssl',
      ['ca', '-config', 'ca.cnf', '-gencrl', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-crl_lastupdate', '20260301000000Z', '-crl_nextupdate', '20260401000000Z', '-out', 'openssl.pem'],
      { cwd: dir, stdio: 'pipe' },
    );

    const crl = parseCrl(readFileSync(join(dir, 'openssl.pem'), 'latin1'));

    expect(crl.revoked).toEqual([{ serialNumberHex: '8badf00d', revocationDate: new Date('2026-02-15T10:30:00Z'), reason: CrlReason.KEY_COMPROMISE }]);
    expect(crl.crlNumberHex).toBe('1000');
    expect(crl.thisUpdate).toEqual(THIS_UPDATE);
    expect(verifyCrlSignature(crl, ca.certPem)).toBe(true);
  });

  it('rejects the signature against another CA, by name or by key', () => {
    const crl = parseCrl(crlDer);
    const sameNameOtherKey = createDevCa({
      commonName: 'TH Issuing CA',
      organizationName: 'Board of Trade, TH',
      validDays: 3650,
      validFrom: VALID_FROM,
      keyPair: { privateKey: otherCa.privateKey, publicKey: otherCa.certificate.publicKey },
    });

    expect(verifyCrlSignature(crl, otherCa.certDer)).toBe(false);
    expect(verifyCrlSignature(crl, sameNameOtherKey.certDer)).toBe(false);
    expect(crlProblem(crl, sameNameOtherKey.certificate, new Date('2026-03-10T00:00:00Z'))).toContain('invalid signature');
  });

  it('reports a CRL that is not yet valid or out of date', () => {
    const crl = parseCrl(crlDer);

    expect(crlProblem(crl, ca.certificate, new Date('2026-02-28T23:59:59Z'))).toContain('not yet valid');
    expect(crlProblem(crl, ca.certificate, new Date('2026-04-01T00:00:01Z'))).toContain('out of date');
  });

  it('finds revoked serials whatever their hex spelling', () => {
    const crl = parseCrl(crlDer);

    expect(findRevocation(crl, '00FF01')?.reason).toBe(CrlReason.KEY_COMPROMISE);
    expect(findRevocation(crl, 'A')?.revocationDate).toEqual(new Date('2026-02-02T00:00:00Z'));
    expect(findRevocation(crl, 'ff02')).toBeUndefined();
  });

  it('refuses an empty buffer, random bytes and a certificate with MALFORMED_CRL', () => {
    for (const input of [Buffer.alloc(0), Buffer.from('3082ffff0102030405', 'hex'), ca.certDer]) {
      expect(() => parseCrl(input)).toThrow(expect.objectContaining({ code: PkiCryptoErrorCode.MALFORMED_CRL }));
    }
  });

  it('refuses a truncated CRL with MALFORMED_CRL', () => {
    for (const length of [1, 10, crlDer.length / 2, crlDer.length - 1]) {
      expect(() => parseCrl(crlDer.subarray(0, Math.floor(length)))).toThrow(expect.objectContaining({ code: PkiCryptoErrorCode.MALFORMED_CRL }));
    }
  });
});
