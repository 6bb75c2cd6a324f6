import { defineRule } from './certificate-rule';

/** CO-HDR-001: the goods go from one country to another. */
export const countriesDifferRule = defineRule({
  id: 'CO-HDR-001',
  severity: 'error',
  title: 'Export and import countries differ',
  check(doc, _ctx, at) {
    if (doc.exportCountry !== doc.importCountry) return [];
    return [at('importCountry', 'the country of import must differ from the country of export')];
  },
});
