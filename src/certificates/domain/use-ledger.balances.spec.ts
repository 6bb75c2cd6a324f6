import { itemBalances } from './use-ledger';

const items = [
  { itemNumber: 1, quantity: { value: '25000', unit: 'KGM' }, grossWeight: { value: '25250', unit: 'KGM' } },
  { itemNumber: 2, grossWeight: { value: '800.5', unit: 'KGM' } },
  { itemNumber: 3 },
];

describe('use ledger: balances', () => {
  it('derives what remains per item from the uses, in the unit the item states (its quantity first, else its weight)', () => {
    const uses = [
      { itemNumber: 1, quantity: '10000', unit: 'KGM' },
      { itemNumber: 1, quantity: '2500.25', unit: 'KGM' },
      { itemNumber: 2, quantity: '0.5', unit: 'KGM' },
    ];
    expect(itemBalances(items, uses)).toEqual([
      { itemNumber: 1, unit: 'KGM', issued: '25000', used: '12500.25', remaining: '12499.75' },
      { itemNumber: 2, unit: 'KGM', issued: '800.5', used: '0.5', remaining: '800' },
      { itemNumber: 3, unit: null, issued: null, used: '0', remaining: null },
    ]);
  });
});
