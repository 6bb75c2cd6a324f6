import { itemBalances, useProblems } from './use-ledger';

const balances = itemBalances([{ itemNumber: 1, quantity: { value: '100', unit: 'KGM' } }], [{ itemNumber: 1, quantity: '60', unit: 'KGM' }]);

describe('use ledger: over-claiming', () => {
  it('refuses a use beyond what remains, adding up several lines on one item', () => {
    expect(useProblems(balances, [{ itemNumber: 1, quantity: '40', unit: 'KGM' }])).toEqual([]);
    expect(useProblems(balances, [{ itemNumber: 1, quantity: '40.000001', unit: 'KGM' }])).toEqual([{ path: 'items', message: 'item 1: 40.000001 KGM asked, 40 KGM remains' }]);
    expect(useProblems(balances, [{ itemNumber: 1, quantity: '30', unit: 'KGM' }, { itemNumber: 1, quantity: '30', unit: 'KGM' }])).toEqual([{ path: 'items', message: 'item 1: 60 KGM asked, 40 KGM remains' }]);
  });
});
