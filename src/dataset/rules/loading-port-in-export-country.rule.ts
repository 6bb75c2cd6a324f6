import { defineRule } from './certificate-rule';

/** CO-TRN-002 (warning): the port of loading lies in the country of export. */
export const loadingPortInExportCountryRule = defineRule({
  id: 'CO-TRN-002',
  severity: 'warning',
  title: 'The loading port is in the export country',
  check(doc, _ctx, at) {
    const port = doc.transport?.loadingPort;
    if (!port || port.slice(0, 2) === doc.exportCountry) return [];
    return [at('transport.loadingPort', `loading port ${port} is not in the country of export ${doc.exportCountry}`)];
  },
});
