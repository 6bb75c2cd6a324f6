import { itemBalances, useProblems } from './use-ledger';

const balances = itemBalances([{ itemNumber: 1, quantity: { value: '100', unit: 'KGM' } }, { itemNumber: 2 }], []);

describe('use ledger: lines that cannot be used', () => {
  it('names every line that asks for an unknown item, another unit, a non-positive or malformed quantity, or an item without quantity', () => {
    expect(
      useProblems(balances, [
        { itemNumber: 9, quantity: '1', unit: 'KGM' },
        { itemNumber: 1, quantity: '1', unit: 'TNE' },
        { itemNumber: 1, quantity: '0', unit: 'KGM' },
        { itemNumber: 1, quantity: '1e3', unit: 'KGM' },
        { itemNumber: 2, quantity: '1', unit: 'KGM' },
      ]),
    ).toEqual([
      { path: 'items[0].itemNumber', message: 'the certificate has no item 9' },
      { path: 'items[1].unit', message: 'item 1 is stated in KGM, not TNE' },
      { path: 'items[2].quantity', message: 'must be a positive decimal string with at most six decimals' },
      { path: 'items[3].quantity', message: 'must be a positive decimal string with at most six decimals' },
      { path: 'items[4].itemNumber', message: 'item 2 states no quantity or weight to use' },
    ]);
  });
});
