import { defineRule } from './certificate-rule';

/** CO-INV-001: no invoice is listed twice. */
export const invoiceNumbersUniqueRule = defineRule({
  id: 'CO-INV-001',
  severity: 'error',
  title: 'Invoice numbers are unique',
  check(doc, _ctx, at) {
    const seen = new Set<string>();
    return (doc.invoices ?? []).flatMap((invoice, i) => {
      if (!seen.has(invoice.number)) {
        seen.add(invoice.number);
        return [];
      }
      return [at(`invoices[${i}].number`, `invoice ${invoice.number} is listed twice`)];
    });
  },
});
