import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

/** CO-ITEM-003: an item's invoice number names an invoice listed in the header. */
export const itemInvoiceKnownRule = defineRule({
  id: 'CO-ITEM-003',
  severity: 'error',
  title: 'An item’s invoice is a header invoice',
  check(doc, _ctx, at) {
    const numbers = new Set((doc.invoices ?? []).map((invoice) => invoice.number));
    return indexedItems(doc)
      .filter(([item]) => item.invoiceNumber !== undefined && !numbers.has(item.invoiceNumber))
      .map(([item, i]) => at(`items[${i}].invoiceNumber`, `invoice ${item.invoiceNumber} is not listed in invoices`));
  },
});
