import { customsResponseProblems } from './customs-response-rules';

describe('customs response: what each decision needs', () => {
  it('asks a rejection for its reason and a use for its quantities, and refuses quantities elsewhere', () => {
    expect(customsResponseProblems({ decision: 'ACCEPT' })).toEqual([]);
    expect(customsResponseProblems({ decision: 'USE', uses: [{}] })).toEqual([]);
    expect(customsResponseProblems({ decision: 'REJECT', reason: 'Goods differ' })).toEqual([]);
    expect(customsResponseProblems({ decision: 'REJECT', reason: '   ' }).map((v) => v.ruleId)).toEqual(['CO-RESP-001']);
    expect(customsResponseProblems({ decision: 'USE' }).map((v) => [v.ruleId, v.path])).toEqual([['CO-RESP-002', 'uses']]);
    expect(customsResponseProblems({ decision: 'ACCEPT', uses: [] }).map((v) => [v.ruleId, v.message])).toEqual([['CO-RESP-003', 'quantities go with decision USE, not ACCEPT']]);
  });
});
