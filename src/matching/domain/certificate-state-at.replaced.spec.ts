import { CertificateStatus } from '../../certificates/domain/certificate-status';
import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: replaced', () => {
  it('refuses a certificate replaced before the declaration date', () => {
    const replaced = buildStateFacts({
      status: CertificateStatus.REPLACED,
      history: [{ type: 'REPLACED', fromStatus: 'ISSUED', toStatus: 'REPLACED', occurredAt: new Date('2026-03-20T00:00:00Z') }],
    });
    expect(stateProblemsAt(replaced, declarationInstant('2026-05-01')).map((p) => p.code)).toEqual(['REPLACED_ON_DATE']);
  });
});
