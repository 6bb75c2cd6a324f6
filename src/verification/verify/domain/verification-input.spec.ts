import { derToPem } from '../../../pki/crypto/x509';
import { claimedIdentity, readDocument, readSignature, subjectFromJson, VerificationMethod } from './verification-input';

const CMS = Buffer.from([0x30, 0x82, 0x01, 0x00, 0x06, 0x09]);

describe('reading what is sent to be verified', () => {
  it('takes a reference, the copy number defaulting to the original', () => {
    expect(subjectFromJson({ issuingAuthority: 'KH-MOC', certificateNumber: 'KH-RCEP-2026-000123' })).toEqual({
      subject: { method: VerificationMethod.REFERENCE, issuingAuthority: 'KH-MOC', certificateNumber: 'KH-RCEP-2026-000123', copyNumber: 0 },
    });
    expect(subjectFromJson({ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1', copyNumber: 2 })).toMatchObject({ subject: { copyNumber: 2 } });
  });

  it('takes a document as JSON or base64 with a signature as base64 DER or PEM, to the same bytes', () => {
    const document = { certificateNumber: 'N-1' };
    const fromJson = subjectFromJson({ document, signature: CMS.toString('base64') });
    const fromBase64 = subjectFromJson({ documentBase64: Buffer.from(JSON.stringify(document)).toString('base64'), signature: derToPem(CMS, 'CMS') });
    for (const read of [fromJson, fromBase64]) {
      expect(read).toEqual({ subject: { method: VerificationMethod.DOCUMENT, document, signatureDer: CMS } });
    }
  });

  it('lists every problem at once: both kinds of subject, unknown fields, bad fields', () => {
    const both = subjectFromJson({ issuingAuthority: 'KH-MOC', document: {}, colour: 'blue' });
    expect('violations' in both && both.violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['SHAPE-whitelistValidation', 'colour'],
      ['VERIFY-REQ-001', ''],
    ]);
    const bad = subjectFromJson({ issuingAuthority: 42, certificateNumber: '<script>', copyNumber: -1 });
    expect('violations' in bad && bad.violations.map((v) => v.path)).toEqual(['issuingAuthority', 'certificateNumber', 'copyNumber']);
    const noSignature = subjectFromJson({ document: [1, 2], signature: '***' });
    expect('violations' in noSignature && noSignature.violations.map((v) => [v.ruleId, v.path])).toEqual([
      ['VERIFY-DOC-001', 'document'],
      ['VERIFY-SIG-001', 'signature'],
    ]);
    expect(subjectFromJson('text')).toEqual({ violations: [expect.objectContaining({ ruleId: 'VERIFY-REQ-001', path: '' })] });
  });

  it('refuses a document that is not JSON or not an object, naming it', () => {
    expect(readDocument(Buffer.from('<xml/>'))).toEqual({ violation: expect.objectContaining({ ruleId: 'VERIFY-DOC-001', message: expect.stringContaining('not JSON') }) });
    expect(readDocument('"a string"')).toEqual({ violation: expect.objectContaining({ ruleId: 'VERIFY-DOC-001', message: expect.stringContaining('JSON object') }) });
    expect(readDocument(Buffer.from('\ufeff{"a":1}'))).toEqual({ document: { a: 1 } });
  });

  it('passes bytes that decode but are no CMS on to the verification (MALFORMED_CMS), and refuses only what does not decode', () => {
    expect(readSignature(CMS)).toEqual({ der: CMS });
    expect(readSignature(Buffer.from(CMS.toString('base64')))).toEqual({ der: CMS });
    expect(readSignature(Buffer.from('bm90IGEgQ01T'))).toEqual({ der: Buffer.from('not a CMS') });
    expect(readSignature('-----BEGIN CMS-----\n***\n-----END CMS-----')).toEqual({ violation: expect.objectContaining({ ruleId: 'VERIFY-SIG-001' }) });
    expect(readSignature('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toEqual({ violation: expect.objectContaining({ ruleId: 'VERIFY-SIG-001' }) });
    expect(readSignature('')).toEqual({ violation: expect.objectContaining({ ruleId: 'VERIFY-SIG-001' }) });
  });

  it("reads the identity a document claims, and nothing when it does not hold one", () => {
    expect(claimedIdentity({ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1', copyNumber: 1 })).toEqual({ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1', copyNumber: 1 });
    expect(claimedIdentity({ issuingAuthority: 'KH-MOC', certificateNumber: 'N-1' })).toMatchObject({ copyNumber: 0 });
    expect(claimedIdentity({ certificateNumber: 'N-1' })).toBeUndefined();
    expect(claimedIdentity({ issuingAuthority: 'KH-MOC', certificateNumber: { $ne: '' } })).toBeUndefined();
  });
});
