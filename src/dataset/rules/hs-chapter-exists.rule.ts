import { hsChapter } from '../hs/hs-code';
import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-HS-002: without a subheading list, each item's HS code at least falls in an HS chapter (01-97, not 77). */
export const hsChapterExistsRule = defineRule({
  id: 'CO-HS-002',
  severity: 'error',
  title: 'The HS code falls in an HS chapter (no nomenclature configured)',
  check(doc, ctx, at) {
    if (!ctx.hs.isShapeOnly) return [];
    return indexedItems(doc)
      .filter(([item]) => !ctx.hs.chapterExists(hsChapter(item.hsCode)))
      .map(([item, i]) => at(`items[${i}].hsCode`, `chapter ${hsChapter(item.hsCode)} of ${item.hsCode} is not an HS chapter`));
  },
});
