import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { exportCountryIsIssuerCountryRule } from './export-country-is-issuer-country.rule';

process.env.TZ = 'UTC';

describe('CO-EXP-001 export country is the issuer’s country', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(exportCountryIsIssuerCountryRule, buildCertificate())).toEqual([]);
  });

  it('reports an authority certifying exports from another country', () => {
    expect(checkRule(exportCountryIsIssuerCountryRule, buildCertificate(), { issuerCountry: 'VN' })).toEqual([['CO-EXP-001', 'error', 'exportCountry']]);
  });

  it('says nothing when no issuer country is given', () => {
    expect(checkRule(exportCountryIsIssuerCountryRule, buildCertificate(), { issuerCountry: undefined })).toEqual([]);
  });
});
