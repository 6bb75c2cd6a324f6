import { sign } from 'node:crypto';
import { CmsCheckCode, CmsReasonCode } from './cms-verification';
import { createDevCa, createDevSigningKey, DevCa, DevSigningKey } from './dev-pki';
import { verifyCompactJws } from './jws-verifier';
import { testKeyPair } from '../../../test/support/key-pool';

const VALID_FROM = new Date('2026-01-01T00:00:00Z');
const ISSUE_TIME = new Date('2026-03-02T09:30:00Z');
const NOW = new Date('2026-03-10T12:00:00Z');

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyCompactJws: a VC-JOSE credential signed with an x5c chain', () => {
  let root: DevCa;
  let other: DevCa;
  let key: DevSigningKey;

  beforeAll(() => {
    root = createDevCa({ commonName: 'KH Root CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    other = createDevCa({ commonName: 'Unknown CA', validDays: 3650, validFrom: VALID_FROM, keyPair: testKeyPair() });
    key = createDevSigningKey({ ca: root, subject: { CN: 'CO Signer', O: 'Ministry', C: 'KH' }, validFrom: VALID_FROM, validTo: new Date('2027-01-01T00:00:00Z'), keyPair: testKeyPair() });
  });

  function jws(header: Record<string, unknown>, payload: unknown): string {
    const input = `${b64url(header)}.${b64url(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
  }
  const header = () => ({ alg: 'RS256', typ: 'vc+jwt', x5c: [key.certDer.toString('base64'), root.certDer.toString('base64')] });
  const verify = (token: string, anchors = [root.certDer]) => verifyCompactJws({ jws: token, typ: 'vc+jwt', trustAnchorsDer: anchors, issueTime: ISSUE_TIME, now: NOW });

  it('passes with x5c up to the anchor, and gives the payload', async () => {
    const result = await verify(jws(header(), { hello: 'world' }));
    expect(result.reasons).toEqual([]);
    expect(result.checks.map((check) => [check.code, check.passed])).toEqual([
      [CmsCheckCode.STRUCTURE, true],
      [CmsCheckCode.SIGNATURE, true],
      [CmsCheckCode.TRUST_CHAIN, true],
      [CmsCheckCode.VALIDITY_AT_ISSUE, true],
      [CmsCheckCode.KEY_USAGE, true],
    ]);
    expect(JSON.parse(Buffer.from(result.payload as Uint8Array).toString())).toEqual({ hello: 'world' });
  });

  it('a changed payload is BAD_SIGNATURE and gives no payload', async () => {
    const [h, , s] = jws(header(), { amount: '1' }).split('.');
    const result = await verify(`${h}.${b64url({ amount: '9' })}.${s}`);
    expect(result.reasons).toEqual([CmsReasonCode.BAD_SIGNATURE]);
    expect(result.payload).toBeUndefined();
  });

  it('a chain to no registered anchor is UNTRUSTED_CHAIN', async () => {
    expect((await verify(jws(header(), {}), [other.certDer])).reasons).toEqual([CmsReasonCode.UNTRUSTED_CHAIN]);
  });

  it('another typ, another alg, no x5c, or no JWS at all is unreadable (MALFORMED)', async () => {
    for (const token of [jws({ ...header(), typ: 'JWT' }, {}), jws({ ...header(), alg: 'HS256' }, {}), jws({ alg: 'RS256', typ: 'vc+jwt' }, {}), 'not.a.jws', '']) {
      expect((await verify(token)).reasons).toEqual([CmsReasonCode.MALFORMED_CMS]);
    }
  });
});
