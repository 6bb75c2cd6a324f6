import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { agreementInForceRule } from './agreement-in-force.rule';

process.env.TZ = 'UTC';

describe('CO-AGR-002 agreement in force at issue', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(agreementInForceRule, buildCertificate())).toEqual([]);
  });

  it('reports a known agreement with no version in force at issue', () => {
    const doc = buildCertificate();
    expect(checkRule(agreementInForceRule, doc, { now: new Date('2021-06-01T00:00:00Z'), profile: undefined })).toEqual([
      ['CO-AGR-002', 'error', 'agreement'],
    ]);
  });

  it('leaves an unknown agreement to CO-AGR-001', () => {
    expect(checkRule(agreementInForceRule, buildCertificate({ agreement: 'CPTPP' }))).toEqual([]);
  });
});
