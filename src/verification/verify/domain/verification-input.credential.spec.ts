import { certificateCredential } from '../../../certificates/credentials/domain/verifiable-credential';
import { StatusPurpose } from '../../../certificates/credentials/domain/credential-status';
import { readCredential, subjectFromJson, VerificationInputRule, VerificationMethod } from './verification-input';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const credential = certificateCredential({
  certificateId: '00000000-0000-4000-8000-000000000002',
  record: { certificateNumber: 'KH-2', issuingAuthority: 'KH-MOC' },
  recordHash: 'cd'.repeat(32),
  recordUrl: 'https://hub.example.org/v1/certificates/x/document',
  issuerId: 'urn:ecoo:authority:KH-MOC',
  issuerName: 'Ministry',
  validFrom: new Date('2026-12-01T00:00:00Z'),
  validUntil: null,
  status: [{ purpose: StatusPurpose.REVOCATION, index: 3, listUrl: 'https://hub.example.org/v1/status-lists/KH-MOC/revocation' }],
});
const jws = (header: unknown, payload: unknown) => `${b64url(header)}.${b64url(payload)}.c2ln`;

describe('reading an uploaded credential (not yet verified)', () => {
  it('a vc+jwt JWS with a VC 2.0 certificate credential becomes a CREDENTIAL subject holding the record', () => {
    const read = subjectFromJson({ credential: jws({ alg: 'RS256', typ: 'vc+jwt' }, credential) });
    expect(read).toMatchObject({ subject: { method: VerificationMethod.CREDENTIAL, credential: { record: { certificateNumber: 'KH-2', issuingAuthority: 'KH-MOC' }, recordHash: 'cd'.repeat(32), validUntil: null } } });
  });

  it('not a JWS, or another typ, is VERIFY-VC-001; a payload of the wrong shape is VERIFY-VC-002 per problem', () => {
    for (const input of ['not-a-jws', jws({ alg: 'RS256', typ: 'JWT' }, credential)]) {
      expect(readCredential(input)).toEqual({ violations: [expect.objectContaining({ ruleId: VerificationInputRule.CREDENTIAL_UNREADABLE, path: 'credential' })] });
    }
    const read = readCredential(jws({ alg: 'RS256', typ: 'vc+jwt' }, { ...credential, type: ['VerifiableCredential'], credentialStatus: [] }));
    expect('violations' in read && read.violations.map((v) => v.ruleId)).toEqual([VerificationInputRule.CREDENTIAL_STRUCTURE]);
  });

  it('a credential with a reference or a document is refused: one subject at a time', () => {
    const read = subjectFromJson({ credential: 'x.y.z', issuingAuthority: 'KH-MOC', certificateNumber: 'KH-2' });
    expect('violations' in read && read.violations.map((v) => v.ruleId)).toEqual([VerificationInputRule.ONE_SUBJECT]);
  });
});
