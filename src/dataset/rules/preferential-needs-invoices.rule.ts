import { defineRule } from './certificate-rule';

/** CO-PREF-002: a preferential certificate lists at least one commercial invoice. */
export const preferentialNeedsInvoicesRule = defineRule({
  id: 'CO-PREF-002',
  severity: 'error',
  title: 'A preferential certificate lists its invoices',
  check(doc, _ctx, at) {
    if (!doc.preferential || (doc.invoices?.length ?? 0) > 0) return [];
    return [at('invoices', 'a preferential certificate must list at least one invoice')];
  },
});
