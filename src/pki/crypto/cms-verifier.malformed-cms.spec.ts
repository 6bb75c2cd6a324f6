import { createHash } from 'node:crypto';
import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { derOid, derSequence, derSetOf, derSmallInteger, derTlv } from './der';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { Oid } from './oids';
import { derToPem } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

// Deterministic "random" bytes: a SHA-256 counter stream.
function pseudoRandomBytes(length: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

describe('verifyDetachedCms: MALFORMED_CMS', () => {
  let ca: DevCa;
  let cms: Buffer;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  });

  const verify = (cmsDer: Buffer) =>
    verifyDetachedCms({ content: DOCUMENT, cmsDer, trustAnchorsDer: [ca.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });

  function expectMalformed(cmsDer: Buffer): string {
    const result = verify(cmsDer);
    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.MALFORMED_CMS]);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]).toMatchObject({ code: CmsCheckCode.STRUCTURE, passed: false });
    expect(result.signer).toBeUndefined();
    return result.checks[0].message;
  }

  it('reports an empty buffer', () => {
    expectMalformed(Buffer.alloc(0));
  });

  it('reports random bytes, whatever their length', () => {
    for (const length of [1, 2, 3, 16, 100, 1500, 4096]) expectMalformed(pseudoRandomBytes(length, `random-${length}`));
  });

  it('reports random bytes behind a plausible SEQUENCE header', () => {
    for (let i = 0; i < 50; i++) {
      const body = pseudoRandomBytes(200, `seq-${i}`);
      expectMalformed(Buffer.concat([Buffer.from([0x30, 0x81, body.length]), body]));
    }
  });

  it('reports the CMS truncated at every length', () => {
    for (let length = 0; length < cms.length; length++) expectMalformed(cms.subarray(0, length));
  });

  it('reports the CMS as PEM text', () => {
    expectMalformed(Buffer.from(derToPem(cms, 'CMS')));
  });

  it('reports a DER object that is not a SignedData (a certificate)', () => {
    expect(expectMalformed(ca.certDer)).toContain('not a CMS SignedData');
  });

  it('reports a SignedData without a signer', () => {
    const empty = derSequence(
      derOid(Oid.signedData),
      derTlv(0xa0, derSequence(derSmallInteger(1), derSetOf([]), derSequence(derOid(Oid.data)), derSetOf([]))),
    );

    expect(expectMalformed(empty)).toContain('expected exactly one signer, found 0');
  });

  it('reports trailing bytes after the CMS', () => {
    expectMalformed(Buffer.concat([cms, Buffer.from([0x00])]));
  });
});
