import { defineRule } from './certificate-rule';

/** CO-TPI-002 (warning): the third-party invoicing operator is someone other than the exporter. */
export const thirdPartyIsNotExporterRule = defineRule({
  id: 'CO-TPI-002',
  severity: 'warning',
  title: 'The third-party operator is not the exporter',
  check(doc, _ctx, at) {
    const party = doc.thirdPartyInvoicing?.party;
    if (!party?.id || party.id !== doc.exporter?.id) return [];
    return [at('thirdPartyInvoicing.party.id', 'the third-party invoicing operator is the exporter itself: leave thirdPartyInvoicing out')];
  },
});
