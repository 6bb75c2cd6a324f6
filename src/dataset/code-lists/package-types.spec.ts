import { isPackageTypeCode, PACKAGE_TYPE_CODES, packageTypeName } from './package-types';

describe('UNECE Recommendation 21 package type codes', () => {
  it('holds the 405 current codes of Annex VI', () => {
    expect(PACKAGE_TYPE_CODES.size).toBe(405);
  });

  it('has two-character codes and trimmed names only', () => {
    for (const code of PACKAGE_TYPE_CODES) {
      expect(code).toMatch(/^[A-Z0-9]{2}$/);
      const name = packageTypeName(code) as string;
      expect(name.length).toBeGreaterThan(0);
      expect(name.trim()).toBe(name);
    }
  });

  it.each([
    ['BX', 'Box'],
    ['CT', 'Carton'],
    ['PK', 'Package'],
    ['BG', 'Bag'],
    ['PX', 'Pallet'],
    ['CS', 'Case'],
    ['DR', 'Drum'],
    ['NE', 'Unpacked or unpackaged'],
    ['VQ', 'Bulk, liquefied gas (at abnormal temperature/pressure)'],
    ['ZZ', 'Mutually defined'],
    ['1A', 'Drum, steel'],
    ['4G', 'Box, fibreboard'],
    ['43', 'Bag, super bulk'],
    ['BL', 'Bale, compressed'],
    ['O1', 'Two sided cage on wheels with fixing strap'],
  ])('knows %s as %j', (code, name) => {
    expect(isPackageTypeCode(code)).toBe(true);
    expect(packageTypeName(code)).toBe(name);
  });

  // SX (set) is deleted from Rec. 21; XBX is the Rec. 20 unit form of BX, not a package code.
  it.each(['SX', 'bx', 'XBX', 'BOX', 'B', ''])('rejects %j', (code) => {
    expect(isPackageTypeCode(code)).toBe(false);
    expect(packageTypeName(code)).toBeUndefined();
  });
});
