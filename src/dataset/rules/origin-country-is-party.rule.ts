import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ORIG-004: on a preferential certificate each item originates in a Party to the agreement. */
export const originCountryIsPartyRule = defineRule({
  id: 'CO-ORIG-004',
  severity: 'error',
  title: 'Goods claiming preference originate in a Party',
  check(doc, ctx, at) {
    const parties = ctx.profile?.parties;
    if (!doc.preferential || !ctx.profile?.preferential || !parties) return [];
    return indexedItems(doc)
      .filter(([item]) => !parties.includes(item.originCountry))
      .map(([item, i]) => at(`items[${i}].originCountry`, `${item.originCountry} is not a Party to ${ctx.profile?.code}`));
  },
});
