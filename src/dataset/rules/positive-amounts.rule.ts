import { defineRule } from './certificate-rule';
import { indexedItems, isZeroDecimal } from './rule-helpers';

/**
 * CO-ITEM-010 (dataset rules 1.1): an item's gross weight, quantity and FOB value, when stated, are
 * greater than zero. The shape already refuses a sign; zero is what remains. Goods of no weight, no
 * quantity or no value certify nothing and break the quantity ledger that customs draw on.
 */
export const positiveAmountsRule = defineRule({
  id: 'CO-ITEM-010',
  severity: 'error',
  title: 'Gross weight, quantity and FOB value are greater than zero',
  since: '1.1',
  check(doc, _ctx, at) {
    return indexedItems(doc).flatMap(([item, i]) => {
      const found = [];
      if (item.grossWeight && isZeroDecimal(item.grossWeight.value)) found.push(at(`items[${i}].grossWeight.value`, 'the gross weight must be greater than zero'));
      if (item.quantity && isZeroDecimal(item.quantity.value)) found.push(at(`items[${i}].quantity.value`, 'the quantity must be greater than zero'));
      if (item.fobValue && isZeroDecimal(item.fobValue.amount)) found.push(at(`items[${i}].fobValue.amount`, 'the FOB value must be greater than zero'));
      return found;
    });
  },
});
