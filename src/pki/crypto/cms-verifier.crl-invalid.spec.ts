import { KeyObject } from 'node:crypto';
import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode, RevocationStatus } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createCrl, parseCrl } from './crl';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: CRL_INVALID', () => {
  let ca: DevCa;
  let signerKey: KeyObject;
  let cms: Buffer;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    const key = createDevSigningKey({ ca, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair: testKeyPair() });
    signerKey = key.privateKey;
    cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
  });

  const verifyWith = (crlDer: Buffer) =>
    verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [ca.certDer], crls: [parseCrl(crlDer)], issueTime: ISSUE_TIME, now: NOW });
  const crlCheck = (result: ReturnType<typeof verifyDetachedCms>) => result.checks.find((check) => check.code === CmsCheckCode.CRL);

  it('reports a CRL in the CA name but signed by another key as CRL_INVALID', () => {
    const forged = createCrl({
      issuerCert: ca.certDer,
      issuerKey: signerKey,
      revoked: [],
      thisUpdate: new Date('2026-03-09T00:00:00Z'),
      nextUpdate: new Date('2026-03-16T00:00:00Z'),
    });

    const result = verifyWith(forged);

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.CRL_INVALID]);
    expect(crlCheck(result)?.message).toContain('invalid signature');
    expect(result.revocation.status).toBe(RevocationStatus.UNKNOWN);
  });

  it('reports a CRL past its nextUpdate as CRL_INVALID', () => {
    const stale = createCrl({
      issuerCert: ca.certDer,
      issuerKey: ca.privateKey,
      revoked: [],
      thisUpdate: new Date('2026-02-01T00:00:00Z'),
      nextUpdate: new Date('2026-03-01T00:00:00Z'),
    });

    const result = verifyWith(stale);

    expect(result.reasons).toEqual([CmsReasonCode.CRL_INVALID]);
    expect(crlCheck(result)?.message).toContain('out of date (nextUpdate 2026-03-01T00:00:00.000Z)');
    expect(result.revocation.status).toBe(RevocationStatus.UNKNOWN);
  });
});
