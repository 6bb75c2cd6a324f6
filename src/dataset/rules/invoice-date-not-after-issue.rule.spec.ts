import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { invoiceDateNotAfterIssueRule } from './invoice-date-not-after-issue.rule';

process.env.TZ = 'UTC';

describe('CO-INV-002 invoice date not after issue', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(invoiceDateNotAfterIssueRule, buildCertificate())).toEqual([]);
  });

  it('reports an invoice dated after today, the issue date', () => {
    const doc = buildCertificate({ invoices: [{ number: 'CFF-26-0512-01', date: '2026-05-13' }] });
    expect(checkRule(invoiceDateNotAfterIssueRule, doc)).toEqual([['CO-INV-002', 'error', 'invoices[0].date']]);
  });

  it('accepts an invoice dated on the issue date', () => {
    const doc = buildCertificate({ invoices: [{ number: 'CFF-26-0512-01', date: '2026-05-12' }] });
    expect(checkRule(invoiceDateNotAfterIssueRule, doc)).toEqual([]);
  });

  it('uses the recorded issue date of an issued document, not the clock', () => {
    const doc = { ...buildCertificate({ invoices: [{ number: 'CFF-26-0512-01', date: '2026-05-12' }] }), issueDateTime: '2026-05-11T15:00:00+07:00' };
    expect(checkRule(invoiceDateNotAfterIssueRule, doc)).toEqual([['CO-INV-002', 'error', 'invoices[0].date']]);
  });
});
