import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { rvcNeedsFobValueRule } from './rvc-needs-fob-value.rule';

process.env.TZ = 'UTC';

describe('CO-ORIG-002 RVC criteria need an FOB value', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(rvcNeedsFobValueRule, buildCertificate())).toEqual([]);
  });

  it('reports an RVC item without FOB value', () => {
    const doc = buildCertificate({ items: [buildItem({ originCriterion: 'RVC40', fobValue: undefined })] });
    expect(checkRule(rvcNeedsFobValueRule, doc)).toEqual([['CO-ORIG-002', 'error', 'items[0].fobValue']]);
  });

  it('reports a combination with an RVC component and a zero FOB value', () => {
    const doc = buildCertificate({ items: [buildItem({ originCriterion: 'CTSH+RVC40', fobValue: { amount: '0.00', currency: 'USD' } })] });
    expect(checkRule(rvcNeedsFobValueRule, doc)).toEqual([['CO-ORIG-002', 'error', 'items[0].fobValue']]);
  });

  it('does not ask for a value when the criterion is not RVC-based', () => {
    const doc = buildCertificate({ items: [buildItem({ originCriterion: 'CTH', fobValue: undefined })] });
    expect(checkRule(rvcNeedsFobValueRule, doc)).toEqual([]);
  });

  it('recognises an RVC criterion by its code when the agreement is unknown', () => {
    const doc = buildCertificate({ agreement: 'CPTPP', items: [buildItem({ originCriterion: 'RVC45', fobValue: undefined })] });
    expect(checkRule(rvcNeedsFobValueRule, doc)).toEqual([['CO-ORIG-002', 'error', 'items[0].fobValue']]);
  });
});
