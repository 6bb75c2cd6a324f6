import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, importTransition } from './import-status-lifecycle';

describe('import status: rejection', () => {
  it('rejects a received certificate only with a reason', () => {
    expect(importTransition(ImportStatus.RECEIVED, ImportAction.REJECT, { certificateStatus: CertificateStatus.ISSUED, reason: 'Goods do not match' })).toEqual({ ok: true, to: ImportStatus.REJECTED });
    expect(importTransition(ImportStatus.RECEIVED, ImportAction.REJECT, { certificateStatus: CertificateStatus.ISSUED, reason: '  ' })).toEqual({ ok: false, reason: 'a rejection states its reason' });
    expect(importTransition(ImportStatus.DISPUTED, ImportAction.CLOSE_REJECTED, { certificateStatus: CertificateStatus.ISSUED })).toEqual({ ok: false, reason: 'a rejection states its reason' });
  });
});
