import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: expired', () => {
  it('refuses a certificate whose validity ended during or before the declaration date', () => {
    expect(stateProblemsAt(buildStateFacts(), declarationInstant('2027-03-02'))).toEqual([
      { field: 'certificate', code: 'EXPIRED_ON_DATE', message: 'the certificate expired on 2027-03-02, by 2027-03-02' },
    ]);
    expect(stateProblemsAt(buildStateFacts(), declarationInstant('2027-03-01'))).toEqual([]);
  });
});
