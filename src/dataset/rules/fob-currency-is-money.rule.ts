import { defineRule } from './certificate-rule';
import { indexedItems } from './rule-helpers';

// ISO 4217 codes that are not money a sale is invoiced in: precious metals, the SDR, European composite
// units, the Sucre and ADB unit of account, the testing code and "no currency".
const NOT_TRADE_CURRENCIES = new Set(['XAU', 'XAG', 'XPD', 'XPT', 'XDR', 'XBA', 'XBB', 'XBC', 'XBD', 'XSU', 'XUA', 'XTS', 'XXX']);

/** CO-VAL-001: an FOB value is in a currency goods are sold in (not a metal, unit of account or test code). */
export const fobCurrencyIsMoneyRule = defineRule({
  id: 'CO-VAL-001',
  severity: 'error',
  title: 'The FOB value is in a trade currency',
  check(doc, _ctx, at) {
    return indexedItems(doc)
      .filter(([item]) => item.fobValue && NOT_TRADE_CURRENCIES.has(item.fobValue.currency))
      .map(([item, i]) => at(`items[${i}].fobValue.currency`, `${item.fobValue?.currency} is not a currency goods are invoiced in`));
  },
});
