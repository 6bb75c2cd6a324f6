import { defineRule } from './certificate-rule';

/** CO-PARTY-002 (warning): the exporter's address is in the country of export. */
export const exporterInExportCountryRule = defineRule({
  id: 'CO-PARTY-002',
  severity: 'warning',
  title: 'The exporter is in the export country',
  check(doc, _ctx, at) {
    const country = doc.exporter?.address?.country;
    if (!country || country === doc.exportCountry) return [];
    return [at('exporter.address.country', `the exporter’s address is in ${country}, not in the country of export ${doc.exportCountry}`)];
  },
});
