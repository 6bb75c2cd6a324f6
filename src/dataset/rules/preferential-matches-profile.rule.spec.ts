import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { preferentialMatchesProfileRule } from './preferential-matches-profile.rule';

process.env.TZ = 'UTC';

describe('CO-AGR-004 preferential flag agrees with the agreement', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(preferentialMatchesProfileRule, buildCertificate())).toEqual([]);
  });

  it('reports a non-preferential certificate naming a preferential agreement', () => {
    expect(checkRule(preferentialMatchesProfileRule, buildCertificate({ preferential: false }))).toEqual([['CO-AGR-004', 'error', 'preferential']]);
  });

  it('reports a preferential certificate naming the non-preferential profile', () => {
    expect(checkRule(preferentialMatchesProfileRule, buildCertificate({ agreement: 'NON_PREFERENTIAL' }))).toEqual([
      ['CO-AGR-004', 'error', 'preferential'],
    ]);
  });

  it('accepts a non-preferential certificate without agreement', () => {
    expect(checkRule(preferentialMatchesProfileRule, buildCertificate({ preferential: false, agreement: undefined }))).toEqual([]);
  });
});
