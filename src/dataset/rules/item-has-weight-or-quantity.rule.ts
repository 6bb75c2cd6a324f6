import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ITEM-004: each item states its gross weight, its quantity, or both. */
export const itemHasWeightOrQuantityRule = defineRule({
  id: 'CO-ITEM-004',
  severity: 'error',
  title: 'Each item has a gross weight or a quantity',
  check(doc, _ctx, at) {
    return indexedItems(doc)
      .filter(([item]) => !item.grossWeight && !item.quantity)
      .map(([, i]) => at(`items[${i}]`, 'an item needs grossWeight, quantity or both'));
  },
});
