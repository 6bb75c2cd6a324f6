import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ORIG-003 (warning): a non-preferential certificate carries no origin criterion; one given means nothing. */
export const nonPreferentialWithoutCriterionRule = defineRule({
  id: 'CO-ORIG-003',
  severity: 'warning',
  title: 'A non-preferential certificate has no origin criteria',
  check(doc, _ctx, at) {
    if (doc.preferential) return [];
    return indexedItems(doc)
      .filter(([item]) => item.originCriterion)
      .map(([, i]) => at(`items[${i}].originCriterion`, 'an origin criterion has no meaning on a non-preferential certificate'));
  },
});
