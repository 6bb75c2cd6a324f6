import { dayToIsoDate, isoDateToDay } from '../dates';
import { defineRule } from './certificate-rule';
import { issueDay } from './rule-helpers';

/** CO-INV-002: no invoice is dated after the certificate's issue date. */
export const invoiceDateNotAfterIssueRule = defineRule({
  id: 'CO-INV-002',
  severity: 'error',
  title: 'Invoices are not dated after issue',
  check(doc, ctx, at) {
    const issued = issueDay(doc, ctx);
    return (doc.invoices ?? []).flatMap((invoice, i) =>
      isoDateToDay(invoice.date) > issued
        ? [at(`invoices[${i}].date`, `invoice ${invoice.number} is dated ${invoice.date}, after the issue date ${dayToIsoDate(issued)}`)]
        : [],
    );
  },
});
