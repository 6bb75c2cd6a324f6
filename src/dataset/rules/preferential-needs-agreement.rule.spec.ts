import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { preferentialNeedsAgreementRule } from './preferential-needs-agreement.rule';

process.env.TZ = 'UTC';

describe('CO-PREF-001 preferential needs an agreement', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(preferentialNeedsAgreementRule, buildCertificate())).toEqual([]);
  });

  it('reports a preferential certificate without agreement', () => {
    expect(checkRule(preferentialNeedsAgreementRule, buildCertificate({ agreement: undefined }))).toEqual([['CO-PREF-001', 'error', 'agreement']]);
  });

  it('does not ask a non-preferential certificate for one', () => {
    expect(checkRule(preferentialNeedsAgreementRule, buildCertificate({ preferential: false, agreement: undefined }))).toEqual([]);
  });
});
