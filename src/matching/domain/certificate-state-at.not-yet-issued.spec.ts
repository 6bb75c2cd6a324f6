import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: not yet issued', () => {
  it('refuses a certificate issued after the declaration date', () => {
    expect(stateProblemsAt(buildStateFacts(), declarationInstant('2026-03-01'))).toEqual([
      { field: 'certificate', code: 'NOT_ISSUED_ON_DATE', message: 'the certificate was not issued by 2026-03-01' },
    ]);
  });
});
