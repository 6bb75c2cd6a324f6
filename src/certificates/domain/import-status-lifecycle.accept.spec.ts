import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, importTransition } from './import-status-lifecycle';

const valid = { certificateStatus: CertificateStatus.ISSUED };

describe('import status: acceptance', () => {
  it('accepts a received certificate, and a verified one again', () => {
    expect(importTransition(ImportStatus.RECEIVED, ImportAction.ACCEPT, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
    expect(importTransition(ImportStatus.VERIFIED, ImportAction.ACCEPT, valid)).toEqual({ ok: true, to: ImportStatus.ACCEPTED });
  });
});
