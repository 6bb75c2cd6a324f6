import { buildCertificate, buildItem } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { fobCurrencyIsMoneyRule } from './fob-currency-is-money.rule';

process.env.TZ = 'UTC';

describe('CO-VAL-001 FOB value in a trade currency', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(fobCurrencyIsMoneyRule, buildCertificate())).toEqual([]);
  });

  it.each(['XAU', 'XDR', 'XTS', 'XXX'])('reports an FOB value in %s', (currency) => {
    const doc = buildCertificate({ items: [buildItem({ fobValue: { amount: '10.00', currency } })] });
    expect(checkRule(fobCurrencyIsMoneyRule, doc)).toEqual([['CO-VAL-001', 'error', 'items[0].fobValue.currency']]);
  });

  it.each(['XOF', 'XAF', 'XCD', 'THB'])('accepts %s, a currency', (currency) => {
    const doc = buildCertificate({ items: [buildItem({ fobValue: { amount: '10.00', currency } })] });
    expect(checkRule(fobCurrencyIsMoneyRule, doc)).toEqual([]);
  });
});
