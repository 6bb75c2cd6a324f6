import { matchDeclaration } from './match-declaration';
import { buildCandidate, buildDeclaration, buildLine } from './testing/match-builders';

describe('matching a declaration: over-claiming a partly used certificate', () => {
  const partlyUsed = buildCandidate({ items: [{ itemNumber: 1, hsCode: '100630', originCountry: 'KH', measure: { value: '25000', unit: 'KGM' }, remaining: '4000' }] });
  const declared = (value: string) => buildDeclaration({ lines: [buildLine({ quantity: { value, unit: 'KGM' } })] });

  it('is PARTIAL with "quantity exceeds remaining" and claims nothing', () => {
    const result = matchDeclaration(declared('7000'), [partlyUsed]);
    expect(result.status).toBe('PARTIAL');
    expect(result.lines[0].issues).toEqual([
      { field: 'quantity', code: 'QUANTITY_EXCEEDS_REMAINING', message: 'item 1: 7000 KGM declared, quantity exceeds remaining: 4000 KGM remains of 25000 KGM' },
    ]);
    expect(result.uses).toEqual([]);
  });

  it('matches what remains, and takes nothing from a fully used item', () => {
    expect(matchDeclaration(declared('4000'), [partlyUsed]).uses).toEqual([{ itemNumber: 1, quantity: '4000', unit: 'KGM' }]);
    const usedUp = buildCandidate({ items: [{ ...partlyUsed.items[0], remaining: '0' }] });
    expect(matchDeclaration(declared('1'), [usedUp]).lines[0].issues.map((i) => i.code)).toEqual(['QUANTITY_EXCEEDS_REMAINING']);
  });

  it('adds up two lines on one item before judging them', () => {
    const split = buildDeclaration({ lines: [buildLine({ lineNumber: 1, quantity: { value: '3000', unit: 'KGM' } }), buildLine({ lineNumber: 2, hsCode: '10063010', quantity: { value: '2', unit: 'TNE' } })] });
    const result = matchDeclaration(split, [partlyUsed]);
    expect(result.lines.map((l) => [l.certificateItemNumber, l.issues.map((i) => i.code)])).toEqual([
      [1, ['QUANTITY_EXCEEDS_REMAINING']],
      [1, ['QUANTITY_EXCEEDS_REMAINING']],
    ]);
  });
});
