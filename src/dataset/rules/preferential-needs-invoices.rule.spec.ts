import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { preferentialNeedsInvoicesRule } from './preferential-needs-invoices.rule';

process.env.TZ = 'UTC';

describe('CO-PREF-002 preferential needs invoices', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(preferentialNeedsInvoicesRule, buildCertificate())).toEqual([]);
  });

  it.each([[undefined], [[]]])('reports a preferential certificate with invoices %p', (invoices) => {
    expect(checkRule(preferentialNeedsInvoicesRule, buildCertificate({ invoices, items: [buildItem({ invoiceNumber: undefined })] }))).toEqual([
      ['CO-PREF-002', 'error', 'invoices'],
    ]);
  });

  it('does not ask a non-preferential certificate for invoices', () => {
    expect(checkRule(preferentialNeedsInvoicesRule, buildCertificate({ preferential: false, invoices: undefined }))).toEqual([]);
  });
});
