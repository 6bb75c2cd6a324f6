import { normalizeHsCode } from '../hs/hs-code';
import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-HS-001: each item's HS code is a subheading of the configured nomenclature. */
export const hsCodeExistsRule = defineRule({
  id: 'CO-HS-001',
  severity: 'error',
  title: 'The HS code exists in the nomenclature',
  check(doc, ctx, at) {
    if (ctx.hs.isShapeOnly) return [];
    return indexedItems(doc)
      .filter(([item]) => !ctx.hs.has(normalizeHsCode(item.hsCode)))
      .map(([item, i]) => at(`items[${i}].hsCode`, `${item.hsCode} is not a subheading of ${ctx.hs.version}`));
  },
});
