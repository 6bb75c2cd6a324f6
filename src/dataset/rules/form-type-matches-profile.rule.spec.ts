import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { formTypeMatchesProfileRule } from './form-type-matches-profile.rule';

process.env.TZ = 'UTC';

describe('CO-AGR-005 form type is the agreement’s', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(formTypeMatchesProfileRule, buildCertificate())).toEqual([]);
  });

  it('warns about another form type', () => {
    expect(checkRule(formTypeMatchesProfileRule, buildCertificate({ formType: 'E' }))).toEqual([['CO-AGR-005', 'warning', 'formType']]);
  });

  it('accepts a certificate that gives no form type', () => {
    expect(checkRule(formTypeMatchesProfileRule, buildCertificate({ formType: undefined }))).toEqual([]);
  });
});
