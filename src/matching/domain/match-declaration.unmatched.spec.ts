import { matchDeclaration } from './match-declaration';
import { buildDeclaration } from './testing/match-builders';

describe('matching a declaration: no certificate answers it', () => {
  it('is UNMATCHED, naming the key that found nothing', () => {
    const result = matchDeclaration(buildDeclaration({ certificateNumber: null }), []);
    expect(result).toEqual({
      status: 'UNMATCHED',
      certificate: null,
      fields: [{ field: 'ucr', code: 'NO_CERTIFICATE', message: 'no certificate received by this customs answers ucr 6KH1234567-A1' }],
      lines: [{ lineNumber: 1, certificateItemNumber: null, status: 'UNMATCHED', issues: [] }],
      uses: [],
    });
  });
});
