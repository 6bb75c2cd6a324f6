import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, importTransition } from './import-status-lifecycle';

describe('import status: a cancellation wins for validity', () => {
  it.each([CertificateStatus.CANCELLED, CertificateStatus.REPLACED, CertificateStatus.EXPIRED])('refuses to accept or use a certificate that is %s', (certificateStatus) => {
    for (const action of [ImportAction.ACCEPT, ImportAction.USE]) {
      const result = importTransition(ImportStatus.RECEIVED, action, { certificateStatus });
      expect(result).toEqual({ ok: false, reason: `the certificate is ${certificateStatus} by its issuer and can no longer be accepted or used` });
    }
  });

  it('still lets the customs reject it or ask its issuer', () => {
    const ctx = { certificateStatus: CertificateStatus.CANCELLED, reason: 'Cancelled by the issuer' };
    expect(importTransition(ImportStatus.RECEIVED, ImportAction.REJECT, ctx)).toEqual({ ok: true, to: ImportStatus.REJECTED });
    expect(importTransition(ImportStatus.ACCEPTED, ImportAction.DISPUTE, ctx)).toEqual({ ok: true, to: ImportStatus.DISPUTED });
  });
});
