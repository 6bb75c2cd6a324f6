import { isRvcBasedCriterion } from '../agreements/origin-criterion';
import { defineRule } from './certificate-rule';
import { indexedItems, isZeroDecimal } from './rule-helpers';

/** CO-ORIG-002: an item whose origin criterion is RVC-based states a non-zero FOB value. */
export const rvcNeedsFobValueRule = defineRule({
  id: 'CO-ORIG-002',
  severity: 'error',
  title: 'An RVC-based criterion needs the FOB value',
  check(doc, ctx, at) {
    return indexedItems(doc)
      .filter(([item]) => item.originCriterion && isRvcBasedCriterion(item.originCriterion, ctx.profile))
      .filter(([item]) => !item.fobValue || isZeroDecimal(item.fobValue.amount))
      .map(([item, i]) => at(`items[${i}].fobValue`, `criterion ${item.originCriterion} is RVC-based: the item needs a non-zero FOB value`));
  },
});
