import { buildProfile } from '../testing/build-profile';
import { parseAgreementProfile, validateAgreementProfile } from './validate-agreement-profile';

const idsAndPaths = (input: unknown) => validateAgreementProfile(input).map((v) => [v.ruleId, v.path]);

describe('validateAgreementProfile: shape', () => {
  it('accepts a valid profile and returns it as plain data', () => {
    const { profile, violations } = parseAgreementProfile(buildProfile());
    expect(violations).toEqual([]);
    expect(profile).toEqual(buildProfile());
  });

  it('reports every shape problem at its path', () => {
    const input = {
      ...buildProfile(),
      code: 'rcep',
      parties: ['TH', 'XX'],
      allowedOriginCriteria: [{ code: 'WO', description: 'Wholly obtained', extra: 1 }],
      retroactiveGraceDays: -1,
      validityDays: '365',
      effectiveFrom: '2024-13-01',
    };
    expect(idsAndPaths(input)).toEqual([
      ['PROFILE-SHAPE-matches', 'code'],
      ['PROFILE-SHAPE-isCountryCode', 'parties'],
      ['PROFILE-SHAPE-whitelistValidation', 'allowedOriginCriteria[0].extra'],
      ['PROFILE-SHAPE-min', 'retroactiveGraceDays'],
      ['PROFILE-SHAPE-isInt', 'validityDays'],
      ['PROFILE-SHAPE-isIsoDate', 'effectiveFrom'],
    ]);
  });

  it('requires nullable fields to be present (null says "not applicable")', () => {
    const input: Record<string, unknown> = { ...buildProfile() };
    delete input.parties;
    expect(idsAndPaths(input)).toEqual([['PROFILE-SHAPE-isDefined', 'parties']]);
  });

  it('refuses a body that is not an object', () => {
    expect(idsAndPaths([buildProfile()])).toEqual([['PROFILE-SHAPE-isObject', '']]);
  });
});
