import { unitDimension } from '../code-lists';
import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ITEM-005: a gross weight is given in a unit of mass (KGM, TNE, LBR...). */
export const grossWeightIsMassRule = defineRule({
  id: 'CO-ITEM-005',
  severity: 'error',
  title: 'Gross weight is in a unit of mass',
  check(doc, _ctx, at) {
    return indexedItems(doc)
      .filter(([item]) => item.grossWeight && unitDimension(item.grossWeight.unit) !== 'mass')
      .map(([item, i]) => at(`items[${i}].grossWeight.unit`, `${item.grossWeight?.unit} is not a unit of mass`));
  },
});
