import { buildProfile } from '../testing/build-profile';
import { ProfileCatalog } from './profile-catalog';

process.env.TZ = 'UTC';

describe('ProfileCatalog: a later version does not affect an earlier date', () => {
  it('resolves the same profile for a past date after a new version is added', () => {
    const before = new ProfileCatalog([buildProfile({ version: '2024', effectiveFrom: '2024-01-01', parties: ['TH', 'VN'] })]);
    const after = before.with(buildProfile({ version: '2026-07', effectiveFrom: '2026-07-01', parties: ['TH', 'VN', 'KH'] }));
    const issuedAt = new Date('2026-05-12T09:00:00Z');
    expect(after.resolve('TESTFTA', issuedAt)).toEqual(before.resolve('TESTFTA', issuedAt));
    expect(after.resolve('TESTFTA', new Date('2026-07-01T00:00:00Z'))?.parties).toEqual(['TH', 'VN', 'KH']);
    expect(before.versions('TESTFTA')).toHaveLength(1);
  });
});
