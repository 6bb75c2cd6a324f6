import { compareRulesVersions } from '../dataset-version';
import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { positiveAmountsRule } from './positive-amounts.rule';

process.env.TZ = 'UTC';

describe('CO-ITEM-010 weights, quantities and values are greater than zero (dataset rules 1.1)', () => {
  it('passes the valid certificate, and small positive amounts', () => {
    expect(checkRule(positiveAmountsRule, buildCertificate())).toEqual([]);
    const doc = buildCertificate({ items: [buildItem({ grossWeight: { value: '0.001', unit: 'KGM' }, quantity: { value: '0.000001', unit: 'KGM' }, fobValue: { amount: '0.01', currency: 'USD' } })] });
    expect(checkRule(positiveAmountsRule, doc)).toEqual([]);
  });

  it('reports each zero at its path, however it is written', () => {
    const doc = buildCertificate({ items: [buildItem({ grossWeight: { value: '0.000', unit: 'KGM' }, quantity: { value: '0', unit: 'KGM' }, fobValue: { amount: '00.00', currency: 'USD' } })] });
    expect(checkRule(positiveAmountsRule, doc)).toEqual([
      ['CO-ITEM-010', 'error', 'items[0].grossWeight.value'],
      ['CO-ITEM-010', 'error', 'items[0].quantity.value'],
      ['CO-ITEM-010', 'error', 'items[0].fobValue.amount'],
    ]);
  });

  it('is a rule of version 1.1, after version 1', () => {
    expect(positiveAmountsRule.since).toBe('1.1');
    expect(compareRulesVersions('1', '1.1')).toBe(-1);
    expect(compareRulesVersions('1.1', '1.1.0')).toBe(0);
    expect(compareRulesVersions('1.10', '1.9')).toBe(1);
  });
});
