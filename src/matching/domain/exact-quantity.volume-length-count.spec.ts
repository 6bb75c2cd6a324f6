import { convertExactly, formatRatio } from './exact-quantity';

describe('exact quantities: volume, length and count units', () => {
  it.each([
    ['1', 'MTQ', 'LTR', '1000'],
    ['2500', 'MLT', 'LTR', '2.5'],
    ['0.75', 'LTR', 'MLT', '750'],
    ['3', 'MTR', 'CMT', '300'],
    ['1250', 'MMT', 'MTR', '1.25'],
    ['12', 'C62', 'NAR', '12'],
    ['12', 'H87', 'C62', '12'],
    ['2', 'DZN', 'H87', '24'],
  ])('%s %s is %s %s', (value, from, to, expected) => {
    expect(formatRatio(convertExactly(value, from, to)!)).toBe(expected);
  });
});
