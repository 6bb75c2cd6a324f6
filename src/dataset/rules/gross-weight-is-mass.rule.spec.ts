import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { grossWeightIsMassRule } from './gross-weight-is-mass.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-005 gross weight in a unit of mass', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(grossWeightIsMassRule, buildCertificate())).toEqual([]);
  });

  it.each(['LTR', 'C62', 'XBX'])('reports a gross weight in %s', (unit) => {
    const doc = buildCertificate({ items: [buildItem({ grossWeight: { value: '10', unit } })] });
    expect(checkRule(grossWeightIsMassRule, doc)).toEqual([['CO-ITEM-005', 'error', 'items[0].grossWeight.unit']]);
  });

  it.each(['TNE', 'LBR', 'GRM'])('accepts a gross weight in %s', (unit) => {
    const doc = buildCertificate({ items: [buildItem({ grossWeight: { value: '10', unit } })] });
    expect(checkRule(grossWeightIsMassRule, doc)).toEqual([]);
  });
});
