import { buildCertificate, TEST_NOW } from '../testing/build-certificate';
import { checkRule, TEST_CATALOG } from '../testing/rule-test-kit';
import { countriesArePartiesRule } from './countries-are-parties.rule';

process.env.TZ = 'UTC';

describe('CO-AGR-003 export and import countries are Parties', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(countriesArePartiesRule, buildCertificate())).toEqual([]);
  });

  it('reports an import country that is not a Party', () => {
    const doc = buildCertificate({ importCountry: 'US' });
    expect(checkRule(countriesArePartiesRule, doc)).toEqual([['CO-AGR-003', 'error', 'importCountry']]);
  });

  it('reports an export country that is not a Party', () => {
    const doc = buildCertificate({ exportCountry: 'IN' });
    expect(checkRule(countriesArePartiesRule, doc)).toEqual([['CO-AGR-003', 'error', 'exportCountry']]);
  });

  it('reports both when neither is a Party', () => {
    const doc = buildCertificate({ agreement: 'ATIGA', exportCountry: 'TH', importCountry: 'CN' });
    expect(checkRule(countriesArePartiesRule, doc, { profile: TEST_CATALOG.resolve('ATIGA', TEST_NOW) })).toEqual([
      ['CO-AGR-003', 'error', 'importCountry'],
    ]);
  });

  it('accepts any countries under the non-preferential profile', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined, importCountry: 'US' });
    expect(checkRule(countriesArePartiesRule, doc)).toEqual([]);
  });
});
