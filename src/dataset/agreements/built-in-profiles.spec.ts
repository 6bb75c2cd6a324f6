import { NON_PREFERENTIAL_CODE } from './agreement-profile';
import { BUILT_IN_PROFILES, SHIPPED_PROFILE_FILES, builtInProfileCatalog } from './built-in-profiles';
import { isRvcBasedCriterion } from './origin-criterion';
import { parseAgreementProfile, validateAgreementProfile } from './validate-agreement-profile';

process.env.TZ = 'UTC';

const at = new Date('2026-05-12T09:00:00Z');

describe('built-in agreement profiles', () => {
  it('are valid as shipped, without even a warning, and read as the validator returns them', () => {
    expect(BUILT_IN_PROFILES).toHaveLength(SHIPPED_PROFILE_FILES.length);
    SHIPPED_PROFILE_FILES.forEach((file, index) => {
      const { profile, violations } = parseAgreementProfile(file);
      expect(violations).toEqual([]);
      expect(BUILT_IN_PROFILES[index]).toStrictEqual(profile);
    });
    for (const profile of BUILT_IN_PROFILES) expect(validateAgreementProfile(profile)).toEqual([]);
  });

  it('ship RCEP with its 15 Parties, the RCEP Chapter 3 criteria and figures', () => {
    const rcep = builtInProfileCatalog().resolve('RCEP', at);
    expect(rcep?.parties).toHaveLength(15);
    expect(rcep?.allowedOriginCriteria.map((c) => c.code)).toEqual(['WO', 'PE', 'CC', 'CTH', 'CTSH', 'RVC40', 'CTH+RVC40', 'CTSH+RVC40']);
    expect(rcep && isRvcBasedCriterion('CTSH+RVC40', rcep)).toBe(true);
    expect(rcep && isRvcBasedCriterion('CTSH', rcep)).toBe(false);
    expect(rcep).toMatchObject({
      formType: 'RCEP',
      validityDays: 365,
      retroactiveGraceDays: 3,
      retroactiveGraceWorkingDays: true,
      retroactiveLimitDays: 365,
      verificationResponseMinDays: 30,
      verificationResponseMaxDays: 90,
    });
  });

  it('ship ATIGA (Form D) for the 10 ASEAN Member States', () => {
    const atiga = builtInProfileCatalog().resolve('ATIGA', at);
    expect(atiga?.parties).toEqual(['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN']);
    expect(atiga?.allowedOriginCriteria.map((c) => c.code)).toEqual(['WO', 'PE', 'RVC40', 'CTH', 'SP']);
    expect(atiga?.formType).toBe('D');
  });

  it('ship a non-preferential profile open to every country, with no criteria', () => {
    const profile = builtInProfileCatalog().resolve(NON_PREFERENTIAL_CODE, at);
    expect(profile).toMatchObject({ preferential: false, parties: null, allowedOriginCriteria: [] });
  });
});
