import { defineRule } from './certificate-rule';

/** CO-B2B-001: a back-to-back certificate rests on an original issued in another (first exporting) country. */
export const backToBackOriginalElsewhereRule = defineRule({
  id: 'CO-B2B-001',
  severity: 'error',
  title: 'A back-to-back original comes from another country',
  check(doc, _ctx, at) {
    if (!doc.backToBack || doc.backToBack.originalIssuingCountry !== doc.exportCountry) return [];
    return [
      at('backToBack.originalIssuingCountry', 'a back-to-back certificate is issued by an intermediate country on an original from another country'),
    ];
  },
});
