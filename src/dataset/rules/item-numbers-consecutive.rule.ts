import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ITEM-002 (warning): item numbers run 1, 2, 3... in order; left to CO-ITEM-001 when some repeat. */
export const itemNumbersConsecutiveRule = defineRule({
  id: 'CO-ITEM-002',
  severity: 'warning',
  title: 'Item numbers run from 1 without gaps',
  check(doc, _ctx, at) {
    const items = indexedItems(doc);
    if (new Set(items.map(([item]) => item.itemNumber)).size !== items.length) return [];
    const first = items.find(([item, i]) => item.itemNumber !== i + 1);
    if (!first) return [];
    const [item, i] = first;
    return [at(`items[${i}].itemNumber`, `item number ${item.itemNumber} where ${i + 1} was expected: number items 1, 2, 3... in order`)];
  },
});
