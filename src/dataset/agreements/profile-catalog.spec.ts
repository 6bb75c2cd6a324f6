import { buildProfile } from '../testing/build-profile';
import { ProfileCatalog } from './profile-catalog';

process.env.TZ = 'UTC';

describe('ProfileCatalog: effective dating', () => {
  const v2024 = buildProfile({ version: '2024', effectiveFrom: '2024-01-01', retroactiveGraceDays: 3 });
  const v2027 = buildProfile({ version: '2027', effectiveFrom: '2027-01-01', retroactiveGraceDays: 5 });
  const catalog = new ProfileCatalog([v2027, v2024]);

  it('picks the version in force on the date', () => {
    expect(catalog.resolve('TESTFTA', new Date('2026-12-31T23:59:59Z'))?.version).toBe('2024');
    expect(catalog.resolve('TESTFTA', new Date('2027-01-01T00:00:00Z'))?.version).toBe('2027');
  });

  it('has nothing in force before the first version', () => {
    expect(catalog.resolve('TESTFTA', new Date('2023-12-31T12:00:00Z'))).toBeUndefined();
    expect(catalog.has('TESTFTA')).toBe(true);
  });

  it('lists versions oldest first and knows no other code', () => {
    expect(catalog.versions('TESTFTA').map((p) => p.version)).toEqual(['2024', '2027']);
    expect(catalog.versions('OTHER')).toEqual([]);
    expect(catalog.resolve('OTHER', new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(catalog.has('OTHER')).toBe(false);
  });

  it('finds a recorded version by its label', () => {
    expect(catalog.version('TESTFTA', '2024')).toBe(v2024);
    expect(catalog.version('TESTFTA', '2030')).toBeUndefined();
  });
});
