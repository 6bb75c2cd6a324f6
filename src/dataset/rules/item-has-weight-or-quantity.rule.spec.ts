import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { itemHasWeightOrQuantityRule } from './item-has-weight-or-quantity.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-004 items have a gross weight or a quantity', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(itemHasWeightOrQuantityRule, buildCertificate())).toEqual([]);
  });

  it('reports an item with neither', () => {
    const doc = buildCertificate({ items: [buildItem({ grossWeight: undefined, quantity: undefined })] });
    expect(checkRule(itemHasWeightOrQuantityRule, doc)).toEqual([['CO-ITEM-004', 'error', 'items[0]']]);
  });

  it.each(['grossWeight', 'quantity'] as const)('accepts an item with %s only', (field) => {
    const doc = buildCertificate({ items: [buildItem({ [field]: undefined })] });
    expect(checkRule(itemHasWeightOrQuantityRule, doc)).toEqual([]);
  });
});
