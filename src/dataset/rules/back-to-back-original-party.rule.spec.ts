import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { backToBackOriginalPartyRule } from './back-to-back-original-party.rule';

process.env.TZ = 'UTC';

describe('CO-B2B-002 back-to-back original from a Party', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(backToBackOriginalPartyRule, buildCertificate())).toEqual([]);
  });

  it('reports an original issued outside the Parties', () => {
    const doc = buildCertificate({ backToBack: { originalCertificateNumber: 'US-0001', originalIssuingCountry: 'US' } });
    expect(checkRule(backToBackOriginalPartyRule, doc)).toEqual([['CO-B2B-002', 'error', 'backToBack.originalIssuingCountry']]);
  });

  it('accepts an original from a Party', () => {
    const doc = buildCertificate({ backToBack: { originalCertificateNumber: 'VN-RCEP-26-000123', originalIssuingCountry: 'VN' } });
    expect(checkRule(backToBackOriginalPartyRule, doc)).toEqual([]);
  });
});
