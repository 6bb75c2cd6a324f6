import { compare, convertExactly, formatRatio, ratioOf } from './exact-quantity';

describe('exact quantities: mass units convert exactly', () => {
  it.each([
    ['25', 'TNE', 'KGM', '25000'],
    ['25000', 'KGM', 'TNE', '25'],
    ['1500', 'GRM', 'KGM', '1.5'],
    ['1', 'MGM', 'GRM', '0.001'],
    ['1', 'LBR', 'KGM', '0.45359237'],
    ['0.45359237', 'KGM', 'LBR', '1'],
    ['2.5', 'KGM', 'MGM', '2500000'],
  ])('%s %s is %s %s', (value, from, to, expected) => {
    const converted = convertExactly(value, from, to);
    expect(converted).not.toBeNull();
    expect(formatRatio(converted!)).toBe(expected);
  });

  it('keeps a pound conversion exact where a float would drift', () => {
    // 25000 kg is 55115.565546... lb: a float rounds both neighbours to "25000"; exact arithmetic
    // puts 55115.56554 lb just below and 55115.56555 lb just above.
    expect(compare(convertExactly('55115.56554', 'LBR', 'KGM')!, ratioOf('25000')!)).toBe(-1);
    expect(compare(convertExactly('55115.56555', 'LBR', 'KGM')!, ratioOf('25000')!)).toBe(1);
    expect(compare(convertExactly('1000000', 'LBR', 'KGM')!, ratioOf('453592.37')!)).toBe(0);
  });
});
