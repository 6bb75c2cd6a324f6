import { buildProfile } from '../testing/build-profile';
import { ProfileCatalog } from './profile-catalog';

process.env.TZ = 'UTC';

describe('ProfileCatalog: effectiveTo and conflicting versions', () => {
  it('has nothing in force after the last day of a terminated agreement', () => {
    const catalog = new ProfileCatalog([buildProfile({ effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30' })]);
    expect(catalog.resolve('TESTFTA', new Date('2025-06-30T23:00:00Z'))).toBeDefined();
    expect(catalog.resolve('TESTFTA', new Date('2025-07-01T00:00:00Z'))).toBeUndefined();
  });

  it('refuses two versions with one label, or two versions starting on one day', () => {
    expect(() => new ProfileCatalog([buildProfile({ version: 'a' }), buildProfile({ version: 'a', effectiveFrom: '2025-01-01' })])).toThrow(
      'version a is given twice',
    );
    expect(() => new ProfileCatalog([buildProfile({ version: 'a' }), buildProfile({ version: 'b' })])).toThrow(
      'two versions effective from 2024-01-01',
    );
  });
});
