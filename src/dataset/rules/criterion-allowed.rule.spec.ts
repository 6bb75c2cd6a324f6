import { buildCertificate, buildItem, TEST_NOW } from '../testing/build-certificate';
import { checkRule, TEST_CATALOG } from '../testing/rule-test-kit';
import { criterionAllowedRule } from './criterion-allowed.rule';

process.env.TZ = 'UTC';

describe('CO-ORIG-001 criterion allowed by the agreement', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(criterionAllowedRule, buildCertificate())).toEqual([]);
  });

  it('reports a criterion the agreement does not allow', () => {
    const doc = buildCertificate({ items: [buildItem(), buildItem({ itemNumber: 2, originCriterion: 'CTSH+RVC35' })] });
    expect(checkRule(criterionAllowedRule, doc)).toEqual([['CO-ORIG-001', 'error', 'items[1].originCriterion']]);
  });

  it('checks against the agreement named: SP is allowed under ATIGA, not under RCEP', () => {
    const item = buildItem({ originCriterion: 'SP' });
    const atiga = buildCertificate({ agreement: 'ATIGA', importCountry: 'VN', items: [item] });
    expect(checkRule(criterionAllowedRule, atiga, { profile: TEST_CATALOG.resolve('ATIGA', TEST_NOW) })).toEqual([]);
    expect(checkRule(criterionAllowedRule, buildCertificate({ items: [item] }))).toEqual([['CO-ORIG-001', 'error', 'items[0].originCriterion']]);
  });

  it('says nothing without a profile (CO-AGR-001 reports that)', () => {
    const doc = buildCertificate({ agreement: 'CPTPP', items: [buildItem({ originCriterion: 'XYZ' })] });
    expect(checkRule(criterionAllowedRule, doc)).toEqual([]);
  });
});
