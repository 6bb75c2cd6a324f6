import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { itemInvoiceKnownRule } from './item-invoice-known.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-003 item invoice numbers name a header invoice', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(itemInvoiceKnownRule, buildCertificate())).toEqual([]);
  });

  it('reports an item on an invoice the header does not list', () => {
    const doc = buildCertificate({ items: [buildItem({ invoiceNumber: 'CFF-26-0512-02' })] });
    expect(checkRule(itemInvoiceKnownRule, doc)).toEqual([['CO-ITEM-003', 'error', 'items[0].invoiceNumber']]);
  });

  it('reports an item invoice when the header lists none', () => {
    expect(checkRule(itemInvoiceKnownRule, buildCertificate({ invoices: undefined }))).toEqual([['CO-ITEM-003', 'error', 'items[0].invoiceNumber']]);
  });

  it('accepts an item that names no invoice', () => {
    expect(checkRule(itemInvoiceKnownRule, buildCertificate({ items: [buildItem({ invoiceNumber: undefined })] }))).toEqual([]);
  });
});
