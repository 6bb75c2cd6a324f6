import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { fobCurrencyConsistentRule } from './fob-currency-consistent.rule';

process.env.TZ = 'UTC';

describe('CO-VAL-002 FOB values in one currency', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(fobCurrencyConsistentRule, buildCertificate())).toEqual([]);
  });

  it('warns about items valued in another currency than the first', () => {
    const doc = buildCertificate({
      items: [buildItem(), buildItem({ itemNumber: 2, fobValue: { amount: '10.00', currency: 'THB' } }), buildItem({ itemNumber: 3, fobValue: undefined })],
    });
    expect(checkRule(fobCurrencyConsistentRule, doc)).toEqual([['CO-VAL-002', 'warning', 'items[1].fobValue.currency']]);
  });
});
