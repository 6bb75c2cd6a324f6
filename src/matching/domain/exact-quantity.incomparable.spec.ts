import { convertExactly, formatRatio } from './exact-quantity';

describe('exact quantities: units that cannot be compared', () => {
  it.each([
    ['mass against volume', 'KGM', 'LTR'],
    ['count against mass', 'C62', 'KGM'],
    ['a package unit against a count', 'XBX', 'C62'],
    ['a unit without a Rec. 20 factor', 'SET', 'C62'],
    ['a code Rec. 20 does not know', 'KGX', 'KGM'],
  ])('%s gives no conversion', (_case, from, to) => {
    expect(convertExactly('10', from, to)).toBeNull();
  });

  it('compares a unit with itself even without a factor (boxes to boxes)', () => {
    expect(formatRatio(convertExactly('10.50', 'XBX', 'XBX')!)).toBe('10.5');
  });
});
