import { UnitDimension, convertQuantity, isUnitCode, unitDimension } from '../../dataset/code-lists/units';

// Quantities are compared as exact fractions of integers (bigint): a declared 55 115.5655 LBR is
// 25 000 KGM to the last digit, and a tolerance of 5% is 105/100, never a float.

/** An exact fraction n/d with d > 0. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** A non-negative decimal string ("12500.00", "0.45359237") as an exact fraction; null otherwise. */
export function ratioOf(decimal: string): Ratio | null {
  const match = DECIMAL.exec(decimal);
  if (!match) return null;
  const fraction = match[2] ?? '';
  return { n: BigInt(match[1] + fraction), d: 10n ** BigInt(fraction.length) };
}

/** A percentage as a fraction of one (5 -> 5/100); numbers as profiles write them (5, 2.5). */
export function percentRatio(percent: number): Ratio {
  const text = Number.isInteger(percent) ? String(percent) : percent.toFixed(6);
  const ratio = ratioOf(text);
  if (!ratio) throw new Error(`not a percentage: ${percent}`);
  return { n: ratio.n, d: ratio.d * 100n };
}

export function add(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

export function subtract(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

export function multiply(a: Ratio, b: Ratio): Ratio {
  return { n: a.n * b.n, d: a.d * b.d };
}

export function divide(a: Ratio, b: Ratio): Ratio {
  if (b.n === 0n) throw new Error('division by zero');
  return b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const ZERO: Ratio = { n: 0n, d: 1n };
export const ONE: Ratio = { n: 1n, d: 1n };

/**
 * The fraction as a decimal string with at most `places` decimals, rounded up: a use recorded in the
 * ledger's six places never claims less than was declared.
 */
export function ceilToDecimal(value: Ratio, places = 6): string {
  const scale = 10n ** BigInt(places);
  const scaled = value.n * scale;
  let units = scaled / value.d;
  if (scaled % value.d !== 0n && scaled > 0n) units += 1n;
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const whole = magnitude / scale;
  const fraction = (magnitude % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The shortest exact decimal of a fraction whose denominator has only the factors 2 and 5, else ceilToDecimal at 12 places. */
export function formatRatio(value: Ratio): string {
  let d = value.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  if (d !== 1n) return ceilToDecimal(value, 12);
  for (let places = 0; places <= 40; places++) {
    const scale = 10n ** BigInt(places);
    if ((value.n * scale) % value.d === 0n) return ceilToDecimal(value, places);
  }
  return ceilToDecimal(value, 40);
}

// The base unit of each dimension in UNECE Rec. 20's conversion factors (dataset/code-lists/units.ts).
const BASE_UNIT: Readonly<Record<UnitDimension, string>> = { mass: 'KGM', volume: 'MTQ', length: 'MTR', count: 'C62' };

const factors = new Map<string, Ratio | null>();

/** How many base units (KGM, MTQ, MTR, C62) one of `unit` is, exactly; null when Rec. 20 gives no factor. */
export function unitFactor(unit: string): Ratio | null {
  if (factors.has(unit)) return factors.get(unit) as Ratio | null;
  const dimension = unitDimension(unit);
  // Every factor in the table is a finite decimal, so converting 1 to the base unit is exact.
  const text = dimension ? convertQuantity('1', unit, BASE_UNIT[dimension]) : undefined;
  const factor = text === undefined ? null : ratioOf(text);
  factors.set(unit, factor);
  return factor;
}

/**
 * A quantity in `from` expressed in `to`, exactly; null when the two units cannot be compared (another
 * dimension, no factor, or a unit unknown to Rec. 20). The same code on both sides always compares.
 */
export function convertExactly(value: string, from: string, to: string): Ratio | null {
  const quantity = ratioOf(value);
  if (!quantity) return null;
  if (from === to) return isUnitCode(from) ? quantity : null;
  if (unitDimension(from) === undefined || unitDimension(from) !== unitDimension(to)) return null;
  const source = unitFactor(from);
  const target = unitFactor(to);
  if (!source || !target || target.n === 0n) return null;
  return divide(multiply(quantity, source), target);
}
