import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, importTransition } from './import-status-lifecycle';

const valid = { certificateStatus: CertificateStatus.ISSUED };

describe('import status: a use', () => {
  it('keeps or makes the certificate ACCEPTED: use is a ledger, not a state', () => {
    expect(importTransition(ImportStatus.RECEIVED, ImportAction.USE, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
    expect(importTransition(ImportStatus.ACCEPTED, ImportAction.USE, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
    expect(importTransition(ImportStatus.VERIFIED, ImportAction.USE, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
  });

  it('refuses a use of a rejected or disputed certificate', () => {
    expect(importTransition(ImportStatus.REJECTED, ImportAction.USE, valid)).toEqual({ ok: false, reason: 'cannot use a certificate whose import status is REJECTED' });
    expect(importTransition(ImportStatus.DISPUTED, ImportAction.USE, valid)).toMatchObject({ ok: false });
  });
});
