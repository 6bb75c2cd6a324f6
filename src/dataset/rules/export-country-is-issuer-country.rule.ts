import { defineRule } from './certificate-rule';

/** CO-EXP-001: an issuing authority certifies only exports from its own country. */
export const exportCountryIsIssuerCountryRule = defineRule({
  id: 'CO-EXP-001',
  severity: 'error',
  title: 'The export country is the issuing authority’s country',
  check(doc, ctx, at) {
    if (!ctx.issuerCountry || doc.exportCountry === ctx.issuerCountry) return [];
    return [at('exportCountry', `an issuing authority of ${ctx.issuerCountry} cannot certify exports from ${doc.exportCountry}`)];
  },
});
