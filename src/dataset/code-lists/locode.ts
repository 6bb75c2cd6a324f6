import { COUNTRY_CODES } from './countries';

// UN/LOCODE: ISO 3166-1 alpha-2 country code + three characters for the place. The place part uses the
// letters A-Z and the digits 2-9 only (0 and 1 are left out so they cannot be read as O and I).
// A shape check: whether the location exists in the UN/LOCODE directory is not checked here.
const UN_LOCODE = /^([A-Z]{2})[A-Z2-9]{3}$/;

export function isUnLocode(v: string): boolean {
  const match = UN_LOCODE.exec(v);
  return match !== null && COUNTRY_CODES.has(match[1]);
}
