import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration, buildLine } from './testing/match-builders';

describe('matching a declaration: units that cannot be compared', () => {
  it('is PARTIAL with a reason naming both units, and claims nothing', () => {
    const result = matchDeclaration(buildDeclaration({ lines: [buildLine({ quantity: { value: '25000', unit: 'LTR' } })] }), [buildCandidate()]);
    expect(result.status).toBe('PARTIAL');
    expect(result.lines[0]).toEqual({
      lineNumber: 1,
      certificateItemNumber: 1,
      status: 'PARTIAL',
      issues: [{ field: 'quantity.unit', code: 'UNITS_NOT_COMPARABLE', message: 'declared in LTR (litre), item 1 is stated in KGM (kilogram): the two cannot be converted' }],
    });
    expect(result.uses).toEqual([]);
  });
});
