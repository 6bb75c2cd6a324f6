import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-VAL-002 (warning): all FOB values of a certificate are in one currency. */
export const fobCurrencyConsistentRule = defineRule({
  id: 'CO-VAL-002',
  severity: 'warning',
  title: 'FOB values share one currency',
  check(doc, _ctx, at) {
    const valued = indexedItems(doc).filter(([item]) => item.fobValue);
    const first = valued[0]?.[0].fobValue?.currency;
    return valued
      .filter(([item]) => item.fobValue?.currency !== first)
      .map(([item, i]) => at(`items[${i}].fobValue.currency`, `FOB values mix ${first} and ${item.fobValue?.currency}`));
  },
});
