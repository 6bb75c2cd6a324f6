import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, allowedImportActions, importTransition } from './import-status-lifecycle';

const valid = { certificateStatus: CertificateStatus.ISSUED, reason: 'Origin not confirmed' };

describe('import status: post-clearance verification', () => {
  it('disputes an accepted certificate, and the case decides: VERIFIED (then ACCEPTED again) or REJECTED', () => {
    expect(importTransition(ImportStatus.ACCEPTED, ImportAction.DISPUTE, valid)).toEqual({ ok: true, to: ImportStatus.DISPUTED });
    expect(allowedImportActions(ImportStatus.DISPUTED).sort()).toEqual([ImportAction.CLOSE_REJECTED, ImportAction.CLOSE_VERIFIED]);
    expect(importTransition(ImportStatus.DISPUTED, ImportAction.CLOSE_VERIFIED, valid)).toEqual({ ok: true, to: ImportStatus.VERIFIED });
    expect(importTransition(ImportStatus.DISPUTED, ImportAction.CLOSE_REJECTED, valid)).toEqual({ ok: true, to: ImportStatus.REJECTED });
    expect(importTransition(ImportStatus.VERIFIED, ImportAction.ACCEPT, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
  });
});
