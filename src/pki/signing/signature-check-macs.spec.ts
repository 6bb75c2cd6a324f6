import { randomBytes } from 'node:crypto';
import type { OwnSignatureReading } from '../crypto/cms-signer';
import { CmsVerification, VerifyDetachedCmsInput } from '../crypto/cms-verification';
import { verifyDetachedCms } from '../crypto/cms-verifier';
import { createCrl, CrlReason, parseCrl } from '../crypto/crl';
import { createDevCa, createDevSigningKey } from '../crypto/dev-pki';
import { parseCertificate } from '../crypto/x509';
import { KeyHandle, SoftwareKeyHandle } from '../keys/key-handle';
import { KeySigner } from '../keys/key-signer';
import { SignatureCheckMacs } from './signature-check-macs';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
// Milliseconds the CMS cannot hold: the reading must give the time as a reader finds it.
const ISSUE_TIME = new Date('2026-03-02T09:30:00.457Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"KH-2026-000777","exportCountry":"KH","importCountry":"JP"}');
const MASTER_KEY = randomBytes(32).toString('hex');
const OTHER_MASTER_KEY = randomBytes(32).toString('hex');

describe('SignatureCheckMacs: the hub vouches for the signature it made, and only for those bytes', () => {
  const root = createDevCa({ commonName: 'KH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
  const issuing = createDevCa({ commonName: 'KH Issuing CA', validDays: 1825, validFrom: VALID_FROM, keyPair: testKeyPair(), issuer: root });
  const key = createDevSigningKey({ ca: issuing, subject: { CN: 'KH-MOC signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
  const signer = new KeySigner(new SoftwareKeyHandle(key.privateKey), key.certDer, [issuing.certDer, root.certDer]);
  const macs = new SignatureCheckMacs({ masterKey: MASTER_KEY });

  let cmsDer: Buffer;
  let reading: OwnSignatureReading;
  let mac: string;

  beforeAll(async () => {
    const signed = await signer.signCmsRead(DOCUMENT, ISSUE_TIME);
    cmsDer = signed.cmsDer;
    reading = signed.reading as OwnSignatureReading;
    mac = macs.issue(DOCUMENT, cmsDer, reading) as string;
  });

  const input = (overrides: Partial<VerifyDetachedCmsInput> = {}): VerifyDetachedCmsInput => ({
    content: DOCUMENT,
    cmsDer,
    trustAnchorsDer: [root.certDer],
    issueTime: ISSUE_TIME,
    now: NOW,
    ...overrides,
  });
  const both = (overrides: Partial<VerifyDetachedCmsInput> = {}): [CmsVerification, CmsVerification] => {
    const vouched = macs.open(mac, DOCUMENT, cmsDer);
    expect(vouched).toBeDefined();
    return [verifyDetachedCms(input(overrides)), verifyDetachedCms(input({ ...overrides, vouched }))];
  };

  it('reads what a verifier reads: the answer from the MAC is the answer from the CMS, check for check', () => {
    const [full, vouched] = both();
    expect(full.valid).toBe(true);
    expect(full.signingTime).toEqual(new Date('2026-03-02T09:30:00Z'));
    expect(vouched).toEqual(full);
  });

  it('still judges the signer against the anchors, the CRLs and the issue time of each call', () => {
    const other = createDevCa({ commonName: 'Other CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const crl = createCrl({
      issuerCert: issuing.certDer,
      issuerKey: issuing.privateKey,
      revoked: [{ serialHex: parseCertificate(key.certDer).serialNumberHex, date: new Date('2026-03-01T00:00:00Z'), reason: CrlReason.KEY_COMPROMISE }],
      thisUpdate: new Date('2026-03-09T00:00:00Z'),
      nextUpdate: new Date('2026-03-16T00:00:00Z'),
    });
    const untrusted = both({ trustAnchorsDer: [other.certDer] });
    expect(untrusted[0].reasons).toEqual(['UNTRUSTED_CHAIN']);
    expect(untrusted[1]).toEqual(untrusted[0]);
    const anotherAuthority = both({ trustAnchorsDer: [other.certDer], knownAnchorsDer: [root.certDer] });
    expect(anotherAuthority[0].reasons).toEqual(['SIGNER_NOT_EXPECTED']);
    expect(anotherAuthority[1]).toEqual(anotherAuthority[0]);
    const revoked = both({ crls: [parseCrl(crl)] });
    expect(revoked[0].reasons).toEqual(['SIGNER_REVOKED_BEFORE_ISSUE']);
    expect(revoked[1]).toEqual(revoked[0]);
    const late = both({ issueTime: new Date('2028-01-01T00:00:00Z'), now: new Date('2028-01-02T00:00:00Z') });
    expect(late[0].reasons).toContain('SIGNER_EXPIRED_AT_ISSUE');
    expect(late[1]).toEqual(late[0]);
  });

  it('vouches for nothing when the document, the signature or a fact it states is not the one it was made for', async () => {
    expect(macs.open(mac, Buffer.from(DOCUMENT.toString().replace('000777', '000778')), cmsDer)).toBeUndefined();
    const again = await signer.signCmsRead(DOCUMENT, new Date('2026-03-02T09:31:00Z'));
    expect(macs.open(mac, DOCUMENT, again.cmsDer)).toBeUndefined();
    const parts = mac.split('.');
    const changed = (index: number, value: string) => parts.map((part, i) => (i === index ? value : part)).join('.');
    expect(macs.open(changed(2, String(ISSUE_TIME.getTime() - 60_000)), DOCUMENT, cmsDer)).toBeUndefined();
    expect(macs.open(changed(3, reading.intermediateFingerprints[0]), DOCUMENT, cmsDer)).toBeUndefined();
    expect(macs.open(changed(4, reading.intermediateFingerprints.slice(1).join(',')), DOCUMENT, cmsDer)).toBeUndefined();
    expect(macs.open(changed(5, Buffer.alloc(32).toString('base64url')), DOCUMENT, cmsDer)).toBeUndefined();
    for (const malformed of ['', 'v1', `v2.${parts.slice(1).join('.')}`, `${mac}.x`, changed(2, '1e3'), changed(3, 'ab'), changed(5, 'AAAA')]) {
      expect(macs.open(malformed, DOCUMENT, cmsDer)).toBeUndefined();
    }
  });

  it('is made and opened under the master key only: another key, or none, vouches for nothing; the previous key does during a rotation', () => {
    expect(new SignatureCheckMacs({}).issue(DOCUMENT, cmsDer, reading)).toBeNull();
    expect(new SignatureCheckMacs({}).open(mac, DOCUMENT, cmsDer)).toBeUndefined();
    expect(new SignatureCheckMacs({ masterKey: OTHER_MASTER_KEY }).open(mac, DOCUMENT, cmsDer)).toBeUndefined();
    const rotating = new SignatureCheckMacs({ masterKey: OTHER_MASTER_KEY, masterKeyPrevious: MASTER_KEY });
    expect(rotating.open(mac, DOCUMENT, cmsDer)?.signer.fingerprintSha256).toBe(reading.signerFingerprint);
    // A MAC under the other key with the id of this one opens with neither.
    const forged = (rotating.issue(DOCUMENT, cmsDer, reading) as string).split('.');
    forged[1] = mac.split('.')[1];
    expect(macs.open(forged.join('.'), DOCUMENT, cmsDer)).toBeUndefined();
  });

  it('vouches for nothing when a certificate it names is not one this process has read', () => {
    const stranger = macs.issue(DOCUMENT, cmsDer, { ...reading, intermediateFingerprints: [...reading.intermediateFingerprints, 'ab'.repeat(32)] }) as string;
    expect(stranger).toEqual(expect.any(String));
    expect(macs.open(stranger, DOCUMENT, cmsDer)).toBeUndefined();
  });

  it('gives no reading for a signature the key certificate does not verify (a token that signed with another key)', async () => {
    const wrong = new SoftwareKeyHandle(testKeyPair().privateKey);
    const token: KeyHandle = { publicKey: new SoftwareKeyHandle(key.privateKey).publicKey, sign: (bytes, algorithm) => wrong.sign(bytes, algorithm) };
    const signed = await new KeySigner(token, key.certDer, [issuing.certDer]).signCmsRead(DOCUMENT, ISSUE_TIME);
    expect(signed.reading).toBeUndefined();
    expect(verifyDetachedCms(input({ cmsDer: signed.cmsDer })).reasons).toEqual(['BAD_SIGNATURE']);
  });
});
