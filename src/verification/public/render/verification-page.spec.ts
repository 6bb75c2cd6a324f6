import { Verdict } from '../../verify/domain/verification-codes';
import { renderMessagePage, renderVerificationPage } from './verification-page';

const summary = {
  certificateNumber: 'KH-RCEP-2026-000123',
  copyNumber: 0,
  issuingAuthority: 'KH-MOC',
  issueDateTime: '2026-03-02T09:30:00.000Z',
  exportCountry: 'KH',
  importCountry: 'JP',
  hsCodes: ['100630'],
  status: 'ISSUED',
};

describe('the public verification page', () => {
  it('shows the verdict and the summary, readable on a phone, with no script', () => {
    const html = renderVerificationPage({ verdict: Verdict.VALID, summary, verifiedAt: '2026-03-10T12:00:00.000Z' });
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('data-verdict="VALID"');
    expect(html).toContain('<dd id="certificate-number">KH-RCEP-2026-000123</dd>');
    expect(html).toContain('<dd id="hs-codes">1006.30</dd>');
    expect(html).toContain('<dd id="issue-date">2026-03-02</dd>');
    expect(html).not.toMatch(/<script|<link|https?:\/\//i);
  });

  it('escapes every value, so a crafted number cannot inject markup', () => {
    const html = renderVerificationPage({
      verdict: Verdict.INVALID,
      summary: { ...summary, certificateNumber: '<img src=x onerror=alert(1)>"\'&', issuingAuthority: '</dd><script>x</script>', hsCodes: ['<b>'] },
      verifiedAt: '2026-03-10T12:00:00.000Z',
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });

  it('says what a status means and names a certified true copy', () => {
    const html = renderVerificationPage({ verdict: Verdict.INVALID, summary: { ...summary, copyNumber: 2, status: 'REPLACED' }, verifiedAt: '2026-03-10T12:00:00.000Z' });
    expect(html).toContain('Replaced by another certificate');
    expect(html).toContain('certified true copy 2');
  });

  it('renders messages (no such page, too many requests) as pages too, escaped', () => {
    const html = renderMessagePage(404, 'Not found', 'No certificate <has> this code');
    expect(html).toContain('data-status="404"');
    expect(html).toContain('No certificate &lt;has&gt; this code');
  });
});
