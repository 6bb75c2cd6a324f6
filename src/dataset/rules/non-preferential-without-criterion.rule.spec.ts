import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { nonPreferentialWithoutCriterionRule } from './non-preferential-without-criterion.rule';

process.env.TZ = 'UTC';

describe('CO-ORIG-003 non-preferential certificates carry no criteria', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(nonPreferentialWithoutCriterionRule, buildCertificate())).toEqual([]);
  });

  it('warns about a criterion on a non-preferential certificate', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined });
    expect(checkRule(nonPreferentialWithoutCriterionRule, doc)).toEqual([['CO-ORIG-003', 'warning', 'items[0].originCriterion']]);
  });

  it('accepts a non-preferential certificate without criteria', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined, items: [buildItem({ originCriterion: undefined })] });
    expect(checkRule(nonPreferentialWithoutCriterionRule, doc)).toEqual([]);
  });
});
