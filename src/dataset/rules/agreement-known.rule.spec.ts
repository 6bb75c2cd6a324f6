import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { agreementKnownRule } from './agreement-known.rule';

process.env.TZ = 'UTC';

describe('CO-AGR-001 agreement code known', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(agreementKnownRule, buildCertificate())).toEqual([]);
  });

  it('reports an agreement the hub has no profile for', () => {
    expect(checkRule(agreementKnownRule, buildCertificate({ agreement: 'CPTPP' }))).toEqual([['CO-AGR-001', 'error', 'agreement']]);
  });

  it('says nothing when no agreement is named', () => {
    expect(checkRule(agreementKnownRule, buildCertificate({ preferential: false, agreement: undefined }))).toEqual([]);
  });
});
