import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { consigneeInImportCountryRule } from './consignee-in-import-country.rule';

process.env.TZ = 'UTC';

describe('CO-PARTY-003 consignee in the import country', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(consigneeInImportCountryRule, buildCertificate())).toEqual([]);
  });

  it('warns about a consignee addressed in another country', () => {
    const base = buildCertificate().consignee;
    const doc = buildCertificate({ consignee: { ...base, address: { ...base.address, country: 'HK' } } });
    expect(checkRule(consigneeInImportCountryRule, doc)).toEqual([['CO-PARTY-003', 'warning', 'consignee.address.country']]);
  });
});
