import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { preferentialNeedsOriginCriterionRule } from './preferential-needs-origin-criterion.rule';

process.env.TZ = 'UTC';

describe('CO-PREF-003 preferential items state their origin criterion', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(preferentialNeedsOriginCriterionRule, buildCertificate())).toEqual([]);
  });

  it('reports each item without a criterion', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2, originCriterion: undefined })] });
    expect(checkRule(preferentialNeedsOriginCriterionRule, doc)).toEqual([['CO-PREF-003', 'error', 'items[1].originCriterion']]);
  });

  it('does not ask a non-preferential certificate for criteria', () => {
    const doc = buildCertificate({ preferential: false, agreement: undefined, items: [buildItem({ originCriterion: undefined })] });
    expect(checkRule(preferentialNeedsOriginCriterionRule, doc)).toEqual([]);
  });
});
