import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { originalWithoutReferenceRule } from './original-without-reference.rule';

process.env.TZ = 'UTC';

describe('CO-FUNC-002 an original replaces nothing', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(originalWithoutReferenceRule, buildCertificate())).toEqual([]);
  });

  it('reports an ORIGINAL naming a certificate it replaces', () => {
    expect(checkRule(originalWithoutReferenceRule, buildCertificate({ replacesCertificateNumber: 'TH-RCEP-2026-0098700' }))).toEqual([
      ['CO-FUNC-002', 'error', 'replacesCertificateNumber'],
    ]);
  });
});
