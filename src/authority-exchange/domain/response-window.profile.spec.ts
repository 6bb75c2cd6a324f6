import { ProfileCatalog } from '../../dataset/agreements/profile-catalog';
import { buildProfile } from '../../dataset/testing/build-profile';
import { windowOf } from './response-window';

describe('response window: from the profile version the certificate recorded', () => {
  it('reads that version, not a later one, and no window for an unknown or unrecorded one', () => {
    const catalog = new ProfileCatalog([
      buildProfile({ code: 'RCEP', version: '2022-01-01', effectiveFrom: '2022-01-01', verificationResponseMinDays: 30, verificationResponseMaxDays: 90 }),
      buildProfile({ code: 'RCEP', version: '2027-01-01', effectiveFrom: '2027-01-01', verificationResponseMinDays: 10, verificationResponseMaxDays: 20 }),
    ]);
    expect(windowOf(catalog, 'RCEP@2022-01-01')).toEqual({ profile: 'RCEP@2022-01-01', minDays: 30, maxDays: 90 });
    expect(windowOf(catalog, 'RCEP@2019-01-01')).toEqual({ profile: null, minDays: null, maxDays: null });
    expect(windowOf(catalog, null)).toEqual({ profile: null, minDays: null, maxDays: null });
  });
});
