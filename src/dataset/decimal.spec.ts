import { formatDecimal, parseDecimal } from './decimal';

describe('decimal strings as exact millionths', () => {
  it('reads dataset decimals exactly and writes them back without trailing zeros', () => {
    expect(parseDecimal('12500.00')).toBe(12_500_000_000n);
    expect(parseDecimal('0.000001')).toBe(1n);
    expect(formatDecimal(parseDecimal('25000.50') as bigint)).toBe('25000.5');
    expect(formatDecimal(parseDecimal('3') as bigint)).toBe('3');
    expect(formatDecimal(-250_000n)).toBe('-0.25');
  });

  it('refuses what is not a dataset decimal, and more than six significant decimals', () => {
    for (const text of ['1e3', '-5', '12,500.00', ' 12', '012', '1.', '.5', '0.0000001']) expect(parseDecimal(text)).toBeNull();
    expect(parseDecimal('1.5000000')).toBe(1_500_000n);
  });
});
