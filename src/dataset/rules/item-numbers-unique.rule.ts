import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ITEM-001: no two items share an item number. */
export const itemNumbersUniqueRule = defineRule({
  id: 'CO-ITEM-001',
  severity: 'error',
  title: 'Item numbers are unique',
  check(doc, _ctx, at) {
    const seen = new Set<number>();
    return indexedItems(doc).flatMap(([item, i]) => {
      if (!seen.has(item.itemNumber)) {
        seen.add(item.itemNumber);
        return [];
      }
      return [at(`items[${i}].itemNumber`, `item number ${item.itemNumber} is used twice`)];
    });
  },
});
