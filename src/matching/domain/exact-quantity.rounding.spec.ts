import { ceilToDecimal, divide, percentRatio, ratioOf } from './exact-quantity';

describe('exact quantities: rounding a use to the ledger six places', () => {
  it('rounds up so a recorded use never claims less than was declared', () => {
    expect(ceilToDecimal(divide(ratioOf('1')!, ratioOf('3')!))).toBe('0.333334');
    expect(ceilToDecimal(ratioOf('0.0000001')!)).toBe('0.000001');
    expect(ceilToDecimal(ratioOf('12.5')!)).toBe('12.5');
  });

  it('reads profile tolerances as exact fractions', () => {
    expect(percentRatio(5)).toEqual({ n: 5n, d: 100n });
    expect(percentRatio(2.5)).toEqual({ n: 2500000n, d: 100000000n });
  });
});
