import { COUNTRY_CODES, isCountryCode } from './countries';

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('holds the 249 officially assigned codes', () => {
    expect(COUNTRY_CODES.size).toBe(249);
  });

  it.each(['TH', 'CN', 'KH', 'VN', 'US', 'GB', 'AQ', 'BQ', 'CW', 'SS', 'SX', 'PS'])('accepts %s', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  // XK (Kosovo) is user-assigned, UK and EU are only exceptionally reserved.
  it.each(['XK', 'AA', 'QM', 'XX', 'ZZ', 'UK', 'EU', 'th', 'THA', 'T', ''])('rejects %j', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });
});
