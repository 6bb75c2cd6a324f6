import { REC21_PACKAGE_TYPES } from './package-types.data';
import { REC20_DEPRECATED_CODES, REC20_UNITS } from './units.data';

// Rec. 20 sends package units to Rec. 21 (note 2 of its introduction); a Rec. 21 package code is then used
// as a unit of measure with an "X" prefix (XBX box, XPK package), as the EN 16931 unit code list does.
export const UNIT_NAMES: ReadonlyMap<string, string> = new Map([
  ...REC20_UNITS,
  ...REC21_PACKAGE_TYPES.map(([code, name]) => [`X${code}`, name] as const),
]);

export const UNIT_CODES: ReadonlySet<string> = new Set(UNIT_NAMES.keys());

export function isUnitCode(v: string): boolean {
  return UNIT_CODES.has(v);
}

export function unitName(code: string): string | undefined {
  return UNIT_NAMES.get(code);
}

export function isDeprecatedUnitCode(code: string): boolean {
  return REC20_DEPRECATED_CODES.has(code);
}

export type UnitDimension = 'mass' | 'volume' | 'length' | 'count';

// Factors to the base unit of each dimension: KGM, MTQ, MTR and C62 ("one"). Rec. 20 prints most factors
// rounded to about 7 significant digits; imperial and US units use the exact legal definitions those round
// (1 yd = 0.9144 m, 1 lb = 0.45359237 kg, 1 gal (UK) = 4.54609 l, 1 gal (US) = 231 in3, 1 bu (US) =
// 2150.42 in3, 1 grain = 1/7000 lb). APZ is the troy ounce of 480 grains: Rec. 20 Rev. 17 prints
// "3,110 348 x 10-3 kg", a slip for 10-2. H87, NAR and EA have no factor in Rec. 20; they count single
// items as C62 does. PR (pair) is 2 and the multiples (DZN, GRO, ...) are the factors Rec. 20 gives.
// Units qualified by condition (net, gross, dry, ...) are not converted: they measure a different thing.
const FACTORS: Readonly<Record<UnitDimension, Readonly<Record<string, string>>>> = {
  mass: {
    KGM: '1',
    TNE: '1000',
    '2U': '1000',
    KTN: '1000000',
    DTN: '100',
    HGM: '0.1',
    DJ: '0.01',
    GRM: '0.001',
    DG: '0.0001',
    CGM: '0.00001',
    MGM: '0.000001',
    MC: '0.000000001',
    CTM: '0.0002',
    M86: '0.5',
    LBR: '0.45359237',
    ONZ: '0.028349523125',
    OZ: '0.028349523125',
    GRN: '0.00006479891',
    DRI: '0.0017718451953125',
    DRA: '0.0038879346',
    DWT: '0.00155517384',
    SCR: '0.0012959782',
    APZ: '0.0311034768',
    LBT: '0.3732417216',
    STI: '6.35029318',
    QTR: '12.70058636',
    CWA: '45.359237',
    CNT: '45.359237',
    CWI: '50.80234544',
    STN: '907.18474',
    LTN: '1016.0469088',
  },
  volume: {
    MTQ: '1',
    K6: '1',
    G26: '1',
    MAL: '1000',
    R9: '1000',
    DMA: '1000',
    H19: '1000000',
    H20: '1000000000',
    HLT: '0.1',
    A44: '0.01',
    LTR: '0.001',
    DMQ: '0.001',
    DLT: '0.0001',
    CLT: '0.00001',
    MLT: '0.000001',
    CMQ: '0.000001',
    '4G': '0.000000001',
    MMQ: '0.000000001',
    Q34: '0.000000000001',
    Q33: '0.000000000000001',
    Q32: '0.000000000000000001',
    INQ: '0.000016387064',
    FTQ: '0.028316846592',
    YDQ: '0.764554857984',
    M68: '3.624556363776',
    GLL: '0.003785411784',
    QTL: '0.000946352946',
    QT: '0.000946352946',
    PTL: '0.000473176473',
    PT: '0.000473176473',
    G21: '0.0002365882365',
    GIA: '0.00011829411825',
    OZA: '0.0000295735295625',
    G24: '0.00001478676478125',
    G25: '0.00000492892159375',
    BLL: '0.158987294928',
    BUA: '0.03523907016688',
    G23: '0.00880976754172',
    GLD: '0.00440488377086',
    QTD: '0.001101220942715',
    PTD: '0.0005506104713575',
    BLD: '0.115627123584',
    GLI: '0.00454609',
    QTI: '0.0011365225',
    PTI: '0.00056826125',
    GII: '0.0001420653125',
    OZI: '0.0000284130625',
    L43: '0.00909218',
    BUI: '0.03636872',
    J57: '0.15911315',
  },
  length: {
    MTR: '1',
    KMT: '1000',
    HMT: '100',
    A45: '10',
    MAM: '1000000',
    DMT: '0.1',
    CMT: '0.01',
    MMT: '0.001',
    '4H': '0.000001',
    C45: '0.000000001',
    A11: '0.0000000001',
    C52: '0.000000000001',
    A71: '0.000000000000001',
    INH: '0.0254',
    FOT: '0.3048',
    YRD: '0.9144',
    SMI: '1609.344',
    NMI: '1852',
    '77': '0.0000254',
    M7: '0.0000000254',
    AK: '1.8288',
    F49: '5.0292',
    X1: '20.1168',
    M50: '201.168',
  },
  count: {
    C62: '1',
    H87: '1',
    NAR: '1',
    EA: '1',
    PR: '2',
    DZN: '12',
    SCO: '20',
    CEN: '100',
    GRO: '144',
    MIL: '1000',
    GGR: '1728',
    MIO: '1000000',
    MLD: '1000000000',
    BIL: '1000000000000',
    TRL: '1000000000000000000',
  },
};

// A decimal as an integer scaled by 10^scale: exact, no binary floating point anywhere.
interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function parseDecimal(value: string): Decimal | undefined {
  const match = DECIMAL.exec(value);
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  return { digits: BigInt(`${match[1]}${match[2]}${fraction}`), scale: fraction.length };
}

const UNIT_FACTORS: ReadonlyMap<string, { dimension: UnitDimension; factor: Decimal }> = new Map(
  (Object.keys(FACTORS) as UnitDimension[]).flatMap((dimension) =>
    Object.entries(FACTORS[dimension]).map(
      ([code, factor]) => [code, { dimension, factor: parseDecimal(factor) as Decimal }] as const,
    ),
  ),
);

export function unitDimension(code: string): UnitDimension | undefined {
  return UNIT_FACTORS.get(code)?.dimension;
}

// A conversion whose exact result has no finite decimal form (KGM to LBR) is rounded to this many places.
export const INEXACT_CONVERSION_SCALE = 12;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function format(negative: boolean, digits: bigint, scale: number): string {
  const text = digits.toString().padStart(scale + 1, '0');
  const integer = text.slice(0, text.length - scale);
  const fraction = text.slice(text.length - scale).replace(/0+$/, '');
  const unsigned = fraction === '' ? integer : `${integer}.${fraction}`;
  return negative && digits !== 0n ? `-${unsigned}` : unsigned;
}

// numerator / denominator (denominator > 0) as a decimal string: exact when the quotient terminates.
function divide(numerator: bigint, denominator: bigint): string {
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const common = gcd(magnitude, denominator);
  const n = magnitude / common;
  const d = denominator / common;
  let twos = 0;
  let fives = 0;
  let rest = d;
  while (rest % 2n === 0n) [rest, twos] = [rest / 2n, twos + 1];
  while (rest % 5n === 0n) [rest, fives] = [rest / 5n, fives + 1];
  if (rest === 1n) {
    const scale = Math.max(twos, fives);
    return format(negative, (n * pow10(scale)) / d, scale);
  }
  // Round to nearest; a tie cannot occur, since it would make the quotient terminate.
  const scaled = n * pow10(INEXACT_CONVERSION_SCALE);
  const quotient = scaled / d;
  const roundUp = 2n * (scaled % d) > d ? 1n : 0n;
  return format(negative, quotient + roundUp, INEXACT_CONVERSION_SCALE);
}

// Converts a decimal quantity ("1.5", "-2", "12500.00") between two units of the same dimension (mass,
// volume, length, count) in exact decimal arithmetic, for the quantity matching. The result is normalised
// (no exponent, no trailing zeros): exact when it has a finite decimal form, otherwise rounded to the nearest
// at INEXACT_CONVERSION_SCALE places. The same unit on both sides gives the normalised value back; units
// that are not comparable (unknown code, other dimension, no factor) or a value that is not a plain
// decimal give undefined.
export function convertQuantity(value: string, from: string, to: string): string | undefined {
  const quantity = parseDecimal(value);
  if (quantity === undefined) return undefined;
  if (from === to) return isUnitCode(from) ? divide(quantity.digits, pow10(quantity.scale)) : undefined;
  const source = UNIT_FACTORS.get(from);
  const target = UNIT_FACTORS.get(to);
  if (source === undefined || target === undefined || source.dimension !== target.dimension) return undefined;
  // value x from / to = (v x f x 10^st) / (t x 10^(sv + sf))
  return divide(
    quantity.digits * source.factor.digits * pow10(target.factor.scale),
    target.factor.digits * pow10(quantity.scale + source.factor.scale),
  );
}
