import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { countriesDifferRule } from './countries-differ.rule';

process.env.TZ = 'UTC';

describe('CO-HDR-001 export and import countries differ', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(countriesDifferRule, buildCertificate())).toEqual([]);
  });

  it('reports goods exported to their own country', () => {
    expect(checkRule(countriesDifferRule, buildCertificate({ importCountry: 'TH' }))).toEqual([['CO-HDR-001', 'error', 'importCountry']]);
  });
});
