import { defineRule } from './certificate-rule';

/** CO-TPI-001: third-party invoicing names the third party's invoice in `invoices`. */
export const thirdPartyInvoicingNeedsInvoiceRule = defineRule({
  id: 'CO-TPI-001',
  severity: 'error',
  title: 'Third-party invoicing lists the invoice',
  check(doc, _ctx, at) {
    if (!doc.thirdPartyInvoicing || (doc.invoices?.length ?? 0) > 0) return [];
    return [at('invoices', 'with third-party invoicing the certificate must list the third party’s invoice')];
  },
});
