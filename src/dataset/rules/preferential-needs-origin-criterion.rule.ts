import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-PREF-003: on a preferential certificate every item states its origin criterion. */
export const preferentialNeedsOriginCriterionRule = defineRule({
  id: 'CO-PREF-003',
  severity: 'error',
  title: 'Each item of a preferential certificate states its origin criterion',
  check(doc, _ctx, at) {
    if (!doc.preferential) return [];
    return indexedItems(doc)
      .filter(([item]) => !item.originCriterion)
      .map(([, i]) => at(`items[${i}].originCriterion`, 'an item of a preferential certificate must state its origin criterion'));
  },
});
