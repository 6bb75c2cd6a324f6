import { defineRule } from './certificate-rule';

/** CO-PARTY-003 (warning): the consignee's address is in the country of import. */
export const consigneeInImportCountryRule = defineRule({
  id: 'CO-PARTY-003',
  severity: 'warning',
  title: 'The consignee is in the import country',
  check(doc, _ctx, at) {
    const country = doc.consignee?.address?.country;
    if (!country || country === doc.importCountry) return [];
    return [at('consignee.address.country', `the consignee’s address is in ${country}, not in the country of import ${doc.importCountry}`)];
  },
});
