import {
  convertQuantity,
  INEXACT_CONVERSION_SCALE,
  isDeprecatedUnitCode,
  isUnitCode,
  UNIT_CODES,
  unitDimension,
  unitName,
} from './units';

describe('UNECE Recommendation 20 unit codes', () => {
  it('holds the 1827 Rec. 20 codes not deleted and the 405 Rec. 21 codes prefixed with X', () => {
    expect(UNIT_CODES.size).toBe(1827 + 405);
    expect([...UNIT_CODES].filter((code) => /^X[A-Z0-9]{2}$/.test(code))).toHaveLength(405);
  });

  it('has codes of two or three characters and trimmed names only', () => {
    for (const code of UNIT_CODES) {
      expect(code).toMatch(/^[A-Z0-9]{2,3}$/);
      const name = unitName(code) as string;
      expect(name.length).toBeGreaterThan(0);
      expect(name.trim()).toBe(name);
    }
  });

  it.each([
    ['KGM', 'kilogram'],
    ['TNE', 'tonne (metric ton)'],
    ['GRM', 'gram'],
    ['LBR', 'pound'],
    ['LTR', 'litre'],
    ['MTQ', 'cubic metre'],
    ['MTR', 'metre'],
    ['NAR', 'number of articles'],
    ['H87', 'piece'],
    ['C62', 'one'],
    ['SET', 'set'],
    ['PR', 'pair'],
    ['EA', 'each'],
    ['DZN', 'dozen'],
    ['ZZ', 'mutually defined'],
    ['X1', "Gunter's chain"],
    ['MTZ', 'millihertz'],
    ['HAD', 'Piece Day'],
    ['XBX', 'Box'],
    ['XPK', 'Package'],
    ['XCT', 'Carton'],
    ['X4G', 'Box, fibreboard'],
  ])('knows %s as %j', (code, name) => {
    expect(isUnitCode(code)).toBe(true);
    expect(unitName(code)).toBe(name);
  });

  // KTM and BX are deleted from Rec. 20 (use KMT and XBX), PCE was never in it, XSX is deleted from Rec. 21.
  it.each(['KTM', 'BX', 'PCE', 'XSX', 'kgm', 'KG', 'XXX', 'KGMS', ''])('rejects %j', (code) => {
    expect(isUnitCode(code)).toBe(false);
    expect(unitName(code)).toBeUndefined();
  });

  it('keeps the 71 deprecated codes and flags them', () => {
    expect([...UNIT_CODES].filter(isDeprecatedUnitCode)).toHaveLength(71);
    expect(isUnitCode('HAR')).toBe(true);
    expect(isDeprecatedUnitCode('HAR')).toBe(true);
    expect(isDeprecatedUnitCode('KGM')).toBe(false);
  });

  it('gives a dimension to the 120 mass, volume, length and count units it can convert', () => {
    const convertible = [...UNIT_CODES].filter((code) => unitDimension(code) !== undefined);
    expect(convertible).toHaveLength(120);
    expect(unitDimension('KGM')).toBe('mass');
    expect(unitDimension('LTR')).toBe('volume');
    expect(unitDimension('FOT')).toBe('length');
    expect(unitDimension('H87')).toBe('count');
    expect(unitDimension('SET')).toBeUndefined();
    expect(unitDimension('XBX')).toBeUndefined();
  });
});

describe('convertQuantity', () => {
  it.each([
    ['1.5', 'TNE', 'KGM', '1500'],
    ['1500', 'KGM', 'TNE', '1.5'],
    ['1', 'LBR', 'KGM', '0.45359237'],
    ['2.5', 'LBR', 'KGM', '1.133980925'],
    ['250', 'GRM', 'KGM', '0.25'],
    ['0.001', 'KTN', 'TNE', '1'],
    ['12500.00', 'KGM', 'KGM', '12500'],
    ['-1.5', 'TNE', 'KGM', '-1500'],
    ['-0.000', 'TNE', 'KGM', '0'],
  ])('%s %s is %s %s... exactly', (value, from, to, expected) => {
    expect(convertQuantity(value, from, to)).toBe(expected);
  });

  // The imperial and US factors agree with their definitions to the last digit.
  it.each([
    ['16', 'ONZ', 'LBR', '1'],
    ['7000', 'GRN', 'LBR', '1'],
    ['14', 'LBR', 'STI', '1'],
    ['2000', 'LBR', 'STN', '1'],
    ['2240', 'LBR', 'LTN', '1'],
    ['12', 'APZ', 'LBT', '1'],
    ['1', 'GLL', 'LTR', '3.785411784'],
    ['1', 'GLI', 'LTR', '4.54609'],
    ['8', 'PTL', 'GLL', '1'],
    ['4', 'QTL', 'GLL', '1'],
    ['128', 'OZA', 'GLL', '1'],
    ['160', 'OZI', 'GLI', '1'],
    ['42', 'GLL', 'BLL', '1'],
    ['4', 'G23', 'BUA', '1'],
    ['1', 'FTQ', 'INQ', '1728'],
    ['1', 'YDQ', 'FTQ', '27'],
    ['1', 'INH', 'CMT', '2.54'],
    ['1', 'SMI', 'FOT', '5280'],
    ['1', 'YRD', 'FOT', '3'],
    ['1', 'NMI', 'KMT', '1.852'],
    ['2', 'DZN', 'H87', '24'],
    ['1', 'GRO', 'DZN', '12'],
    ['3', 'PR', 'NAR', '6'],
    ['7', 'H87', 'C62', '7'],
    ['3', 'SET', 'SET', '3'],
  ])('%s %s is %s %s', (value, from, to, expected) => {
    expect(convertQuantity(value, from, to)).toBe(expected);
  });

  it(`rounds a quotient without a finite decimal form to ${INEXACT_CONVERSION_SCALE} places`, () => {
    expect(convertQuantity('1', 'KGM', 'LBR')).toBe('2.204622621849');
    expect(convertQuantity('5', 'C62', 'DZN')).toBe('0.416666666667');
    expect(convertQuantity('-1', 'KGM', 'LBR')).toBe('-2.204622621849');
  });

  it.each([
    ['KGM', 'LTR'],
    ['MTR', 'MTQ'],
    ['H87', 'KGM'],
    ['SET', 'H87'],
    ['XBX', 'H87'],
    ['E4', 'KGM'],
    ['KGM', 'FOO'],
    ['FOO', 'FOO'],
  ])('gives undefined for %s to %s', (from, to) => {
    expect(convertQuantity('1', from, to)).toBeUndefined();
  });

  it.each(['1e3', '', ' 1', '1,5', '.5', '1.', '+', 'NaN'])('gives undefined for the value %j', (value) => {
    expect(convertQuantity(value, 'TNE', 'KGM')).toBeUndefined();
  });
});
