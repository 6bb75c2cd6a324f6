import { declarationInstant, stateProblemsAt } from './certificate-state-at';
import { buildStateFacts } from './testing/state-facts';

describe('certificate state on the declaration date: valid', () => {
  it('finds nothing wrong with a certificate issued earlier that day and not moved since', () => {
    expect(stateProblemsAt(buildStateFacts(), declarationInstant('2026-03-02'))).toEqual([]);
    expect(stateProblemsAt(buildStateFacts(), declarationInstant('2026-06-30'))).toEqual([]);
  });
});
