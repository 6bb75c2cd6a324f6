import { codes } from 'currency-codes';

// ISO 4217 alpha-3 (List One) as carried by the currency-codes package (its data: list published
// 2024-06-25), including funds codes (BOV, CHE, ...) and the X-codes for metals, SDR and testing.
export const CURRENCY_CODES: ReadonlySet<string> = new Set(codes().slice().sort());

export function isCurrencyCode(v: string): boolean {
  return CURRENCY_CODES.has(v);
}
