import { CURRENCY_CODES, isCurrencyCode } from './currencies';

describe('ISO 4217 currency codes', () => {
  it('holds the 179 codes of List One as carried by currency-codes 2.2.0', () => {
    expect(CURRENCY_CODES.size).toBe(179);
  });

  it.each(['USD', 'EUR', 'THB', 'KHR', 'CNY', 'JPY', 'XAF', 'XOF', 'SLE', 'ZWG', 'CHE', 'XAU'])('accepts %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  // SLL, HRK and VEF were withdrawn.
  it.each(['usd', 'US', 'USDD', 'SLL', 'HRK', 'VEF', 'ABC', ''])('rejects %j', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});
