import { CertificateStatus, ImportStatus } from '../../../certificates/domain/certificate-status';
import type { StateFacts } from '../certificate-state-at';

/** A certificate issued on 2026-03-02, expiring 2027-03-02, received and not moved since. */
export function buildStateFacts(overrides: Partial<StateFacts> = {}): StateFacts {
  return {
    issueDateTime: new Date('2026-03-02T08:00:00Z'),
    expiresAt: new Date('2027-03-02T08:00:00Z'),
    status: CertificateStatus.ISSUED,
    importStatus: ImportStatus.RECEIVED,
    history: [{ type: 'RECEIVED', fromStatus: null, toStatus: 'ISSUED', occurredAt: new Date('2026-03-02T09:00:00Z') }],
    ...overrides,
  };
}
