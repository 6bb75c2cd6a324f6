// The library's core without its 80 locale files (the package's Node entry loads them all); the codes need none.
import { getAlpha2Codes } from 'i18n-iso-countries/index';

// ISO 3166-1 alpha-2, officially assigned elements only. The i18n-iso-countries data also carries XK
// (Kosovo), a user-assigned element; ISO 3166-1 reserves AA, QM to QZ, XA to XZ and ZZ for user assignment,
// so none of those is a country code in the dataset.
const USER_ASSIGNED = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ)$/;

export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  Object.keys(getAlpha2Codes())
    .filter((code) => !USER_ASSIGNED.test(code))
    .sort(),
);

export function isCountryCode(v: string): boolean {
  return COUNTRY_CODES.has(v);
}
