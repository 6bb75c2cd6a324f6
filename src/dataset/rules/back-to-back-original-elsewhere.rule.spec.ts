import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { backToBackOriginalElsewhereRule } from './back-to-back-original-elsewhere.rule';

process.env.TZ = 'UTC';

describe('CO-B2B-001 back-to-back original from another country', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(backToBackOriginalElsewhereRule, buildCertificate())).toEqual([]);
  });

  it('reports an original issued in the exporting country itself', () => {
    const doc = buildCertificate({ backToBack: { originalCertificateNumber: 'TH-RCEP-2026-0000001', originalIssuingCountry: 'TH' } });
    expect(checkRule(backToBackOriginalElsewhereRule, doc)).toEqual([['CO-B2B-001', 'error', 'backToBack.originalIssuingCountry']]);
  });

  it('accepts an original from the first exporting country', () => {
    const doc = buildCertificate({ backToBack: { originalCertificateNumber: 'VN-RCEP-26-000123', originalIssuingCountry: 'VN' } });
    expect(checkRule(backToBackOriginalElsewhereRule, doc)).toEqual([]);
  });
});
