import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration, buildLine } from './testing/match-builders';

describe('matching a declaration: every field and line agrees', () => {
  it('is MATCHED and claims the declared quantity in the certificate unit', () => {
    const result = matchDeclaration(buildDeclaration(), [buildCandidate()]);
    expect(result).toEqual({
      status: 'MATCHED',
      certificate: { id: buildCandidate().id, certificateNumber: 'KH-RCEP-2026-0001', issuingAuthority: 'KH-MOC', copyNumber: 0 },
      fields: [],
      lines: [{ lineNumber: 1, certificateItemNumber: 1, status: 'MATCHED', issues: [] }],
      uses: [{ itemNumber: 1, quantity: '25000', unit: 'KGM' }],
    });
  });

  it('converts a quantity declared in tonnes, and one in pounds, exactly', () => {
    const tonnes = matchDeclaration(buildDeclaration({ lines: [buildLine({ quantity: { value: '12.5', unit: 'TNE' } })] }), [buildCandidate()]);
    expect(tonnes.uses).toEqual([{ itemNumber: 1, quantity: '12500', unit: 'KGM' }]);
    // 1 lb = 0.45359237 kg exactly; 22046.2262 lb is 9999.99999161... kg, rounded up to six places.
    const pounds = matchDeclaration(buildDeclaration({ lines: [buildLine({ quantity: { value: '22046.2262', unit: 'LBR' } })] }), [buildCandidate()]);
    expect(pounds.status).toBe('MATCHED');
    expect(pounds.uses).toEqual([{ itemNumber: 1, quantity: '9999.999992', unit: 'KGM' }]);
  });
});
