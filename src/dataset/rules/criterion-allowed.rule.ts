import { findCriterion } from '../agreements/origin-criterion';
import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ORIG-001: each item's origin criterion is one the agreement allows. */
export const criterionAllowedRule = defineRule({
  id: 'CO-ORIG-001',
  severity: 'error',
  title: 'The origin criterion is allowed by the agreement',
  check(doc, ctx, at) {
    const profile = ctx.profile;
    if (!doc.preferential || !profile?.preferential) return [];
    const allowed = profile.allowedOriginCriteria.map((c) => c.code).join(', ');
    return indexedItems(doc)
      .filter(([item]) => item.originCriterion && !findCriterion(profile, item.originCriterion))
      .map(([item, i]) =>
        at(`items[${i}].originCriterion`, `${item.originCriterion} is not an origin criterion of ${profile.code} (allowed: ${allowed})`),
      );
  },
});
