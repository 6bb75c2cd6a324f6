import { KeyObject } from 'node:crypto';
import { CmsSigner } from './cms-signer';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { verifyDetachedCms } from './cms-verifier';
import { createDevCa, createDevSigningKey, DevCa } from './dev-pki';
import { KeyUsageFlags } from './x509';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const DOCUMENT = Buffer.from('{"certificateNumber":"TH-2026-000123"}');

describe('verifyDetachedCms: KEY_USAGE', () => {
  let ca: DevCa;
  let keyPair: { privateKey: KeyObject; publicKey: KeyObject };

  beforeAll(() => {
    ca = createDevCa({ commonName: 'TH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    keyPair = testKeyPair();
  });

  function verifyWithKeyUsage(keyUsage: Partial<KeyUsageFlags> | null) {
    const key = createDevSigningKey({ ca, subject: { CN: 'Signer' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01Z'), keyPair, keyUsage });
    const cms = new CmsSigner({ signerCertDer: key.certDer, privateKey: key.privateKey }).sign(DOCUMENT, ISSUE_TIME);
    return verifyDetachedCms({ content: DOCUMENT, cmsDer: cms, trustAnchorsDer: [ca.certDer], issueTime: ISSUE_TIME, now: ISSUE_TIME });
  }

  it('reports an encryption-only certificate as KEY_USAGE', () => {
    const result = verifyWithKeyUsage({ keyEncipherment: true });

    expect(result.valid).toBe(false);
    expect(result.reasons).toEqual([CmsReasonCode.KEY_USAGE]);
    expect(result.checks.find((check) => check.code === CmsCheckCode.KEY_USAGE)?.message).toContain('neither digitalSignature nor nonRepudiation');
  });

  it('reports a certificate without a keyUsage extension as KEY_USAGE', () => {
    const result = verifyWithKeyUsage(null);

    expect(result.reasons).toEqual([CmsReasonCode.KEY_USAGE]);
    expect(result.checks.find((check) => check.code === CmsCheckCode.KEY_USAGE)?.message).toContain('no keyUsage extension');
  });

  it('accepts nonRepudiation alone', () => {
    expect(verifyWithKeyUsage({ nonRepudiation: true }).valid).toBe(true);
  });
});
