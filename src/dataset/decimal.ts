import { DECIMAL_STRING } from './validators/patterns';

// Quantities and values are decimal strings in the dataset; arithmetic on them is exact at six
// places (the ledger's numeric(24,6)), never through floating point.
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

/** A dataset decimal string as an integer count of millionths; null when the text is not a decimal. */
export function parseDecimal(text: string): bigint | null {
  if (!DECIMAL_STRING.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) return null;
  return BigInt(whole) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, '0'));
}

/** Millionths back to a decimal string without trailing zeros (`12.5`, `3`, `-0.25`). */
export function formatDecimal(value: bigint): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / FACTOR;
  const fraction = (magnitude % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
