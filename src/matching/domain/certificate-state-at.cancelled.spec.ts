import { CertificateStatus } from '../../certificates/domain/certificate-status';
import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: cancelled', () => {
  const cancelled = buildStateFacts({
    status: CertificateStatus.CANCELLED,
    history: [
      { type: 'RECEIVED', fromStatus: null, toStatus: 'ISSUED', occurredAt: new Date('2026-03-02T09:00:00Z') },
      { type: 'CANCELLED', fromStatus: 'ISSUED', toStatus: 'CANCELLED', occurredAt: new Date('2026-04-10T11:00:00Z') },
    ],
  });

  it('refuses it from the day of the cancellation on', () => {
    expect(stateProblemsAt(cancelled, declarationInstant('2026-04-10'))).toEqual([
      { field: 'certificate', code: 'CANCELLED_ON_DATE', message: 'the certificate was cancelled on 2026-04-10, by 2026-04-10' },
    ]);
  });

  it('accepts a declaration dated before the cancellation: it was valid then', () => {
    expect(stateProblemsAt(cancelled, declarationInstant('2026-04-09'))).toEqual([]);
  });
});
