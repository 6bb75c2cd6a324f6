import { declarationProblems } from './declaration-problems';

describe('declaration problems: a well-shaped declaration that cannot be matched', () => {
  const context = { today: '2026-05-20', knownAgreements: new Set(['RCEP', 'ATIGA']) };

  it('lists every problem at once, each at its path', () => {
    const problems = declarationProblems(
      { declarationDate: '2026-05-21', issuingAuthority: 'KH-MOC', lines: [{ lineNumber: 1, preferenceClaimed: true }, { lineNumber: 1, preferenceClaimed: false }] },
      context,
    );
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([
      ['MATCH-KEY-001', 'ucr'],
      ['MATCH-KEY-002', 'issuingAuthority'],
      ['MATCH-PREF-001', 'agreement'],
      ['MATCH-DATE-001', 'declarationDate'],
      ['MATCH-LINE-001', 'lines[1].lineNumber'],
    ]);
  });

  it('refuses a malformed UCR with the certificate rule, and an unknown agreement', () => {
    const problems = declarationProblems({ declarationDate: '2026-05-20', ucr: '6kh1234567/abc', agreement: 'NAFTA', lines: [{ lineNumber: 1, preferenceClaimed: true }] }, context);
    expect(problems.map((p) => p.ruleId)).toEqual(['CO-UCR-001', 'MATCH-PREF-002']);
  });

  it('accepts a declaration keyed by UCR alone, without preference', () => {
    expect(declarationProblems({ declarationDate: '2026-05-20', ucr: '6KH1234567-A1', lines: [{ lineNumber: 1, preferenceClaimed: false }] }, context)).toEqual([]);
  });
});
