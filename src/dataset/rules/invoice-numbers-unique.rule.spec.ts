import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { invoiceNumbersUniqueRule } from './invoice-numbers-unique.rule';

process.env.TZ = 'UTC';

describe('CO-INV-001 invoice numbers unique', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(invoiceNumbersUniqueRule, buildCertificate())).toEqual([]);
  });

  it('reports an invoice listed twice', () => {
    const invoice = { number: 'CFF-26-0512-01', date: '2026-05-11' };
    expect(checkRule(invoiceNumbersUniqueRule, buildCertificate({ invoices: [invoice, invoice] }))).toEqual([
      ['CO-INV-001', 'error', 'invoices[1].number'],
    ]);
  });
});
