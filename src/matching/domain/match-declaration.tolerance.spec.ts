import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration, buildLine } from './testing/match-builders';

describe("matching a declaration: the agreement profile's quantity tolerance", () => {
  const declared = (value: string) => buildDeclaration({ lines: [buildLine({ quantity: { value, unit: 'KGM' } })] });

  it('matches up to the tolerance and claims no more than the certificate holds', () => {
    const result = matchDeclaration(declared('26250'), [buildCandidate()]);
    expect(result.status).toBe('MATCHED');
    expect(result.uses).toEqual([{ itemNumber: 1, quantity: '25000', unit: 'KGM' }]);
  });

  it('is PARTIAL one gram beyond it', () => {
    const result = matchDeclaration(declared('26250.001'), [buildCandidate()]);
    expect(result.lines[0].issues).toEqual([
      { field: 'quantity', code: 'QUANTITY_BEYOND_TOLERANCE', message: 'item 1: 26250.001 KGM declared, 25000 KGM certified (tolerance 5%)' },
    ]);
  });

  it('applies the tolerance the certificate recorded (0% here)', () => {
    expect(matchDeclaration(declared('25000.5'), [buildCandidate({ tolerancePercent: 0 })]).lines[0].issues[0].code).toBe('QUANTITY_BEYOND_TOLERANCE');
  });
});
