import { CertificateStatus, ImportStatus } from './certificate-status';
import { ImportAction, importTransition } from './import-status-lifecycle';

const ctx = { certificateStatus: CertificateStatus.ISSUED, reason: 'reason' };

describe('import status: illegal moves', () => {
  it.each([
    [ImportStatus.ACCEPTED, ImportAction.ACCEPT],
    [ImportStatus.ACCEPTED, ImportAction.REJECT],
    [ImportStatus.REJECTED, ImportAction.ACCEPT],
    [ImportStatus.REJECTED, ImportAction.DISPUTE],
    [ImportStatus.DISPUTED, ImportAction.DISPUTE],
    [ImportStatus.DISPUTED, ImportAction.ACCEPT],
    [ImportStatus.VERIFIED, ImportAction.DISPUTE],
    [ImportStatus.RECEIVED, ImportAction.CLOSE_VERIFIED],
    [ImportStatus.ACCEPTED, ImportAction.CLOSE_REJECTED],
  ])('refuses %s --%s--> naming the current state', (from, action) => {
    const result = importTransition(from, action, ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(from);
  });
});
