import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { thirdPartyInvoicingNeedsInvoiceRule } from './third-party-invoicing-needs-invoice.rule';
const operator = { id: 'SG-UEN-201912345K', name: 'Lion Trading Pte. Ltd.', address: { line1: '1 Raffles Place', country: 'SG' } };

process.env.TZ = 'UTC';

describe('CO-TPI-001 third-party invoicing lists the invoice', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(thirdPartyInvoicingNeedsInvoiceRule, buildCertificate())).toEqual([]);
  });

  it('reports third-party invoicing without an invoice', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined, invoices: undefined, thirdPartyInvoicing: { party: operator } });
    expect(checkRule(thirdPartyInvoicingNeedsInvoiceRule, doc)).toEqual([['CO-TPI-001', 'error', 'invoices']]);
  });

  it('accepts third-party invoicing with the invoice listed', () => {
    expect(checkRule(thirdPartyInvoicingNeedsInvoiceRule, buildCertificate({ thirdPartyInvoicing: { party: operator } }))).toEqual([]);
  });
});
