import { buildProfile } from '../testing/build-profile';
import { parseAgreementProfile, validateAgreementProfile } from './validate-agreement-profile';

const idsAndPaths = (input: unknown) => validateAgreementProfile(input).map((v) => [v.ruleId, v.severity, v.path]);

describe('validateAgreementProfile: consistency', () => {
  it.each([
    ['effectiveTo before effectiveFrom', { effectiveTo: '2023-12-31' }, ['PROFILE-001', 'error', 'effectiveTo']],
    ['verification min above max', { verificationResponseMinDays: 91 }, ['PROFILE-002', 'error', 'verificationResponseMinDays']],
    ['verification min without max', { verificationResponseMaxDays: null }, ['PROFILE-002', 'error', 'verificationResponseMaxDays']],
    ['retroactive limit shorter than grace', { retroactiveLimitDays: 2 }, ['PROFILE-003', 'error', 'retroactiveLimitDays']],
    ['a party listed twice', { parties: ['TH', 'VN', 'TH'] }, ['PROFILE-004', 'error', 'parties[2]']],
    [
      'a criterion listed twice',
      { allowedOriginCriteria: [{ code: 'WO', description: 'a' }, { code: 'WO', description: 'b' }] },
      ['PROFILE-005', 'error', 'allowedOriginCriteria[1].code'],
    ],
    [
      'an RVC criterion without its threshold',
      { allowedOriginCriteria: [{ code: 'RVC40', description: 'RVC' }] },
      ['PROFILE-006', 'error', 'allowedOriginCriteria[0].rvcThresholdPercent'],
    ],
    [
      'a threshold that differs from the code',
      { allowedOriginCriteria: [{ code: 'CTSH+RVC35', description: 'x', rvcThresholdPercent: 40 }] },
      ['PROFILE-006', 'error', 'allowedOriginCriteria[0].rvcThresholdPercent'],
    ],
    [
      'a threshold on a criterion that is not RVC-based',
      { allowedOriginCriteria: [{ code: 'CTH', description: 'x', rvcThresholdPercent: 40 }] },
      ['PROFILE-006', 'error', 'allowedOriginCriteria[0].rvcThresholdPercent'],
    ],
    [
      'two RVC thresholds in one criterion',
      { allowedOriginCriteria: [{ code: 'RVC35+RVC40', description: 'x', rvcThresholdPercent: 35 }] },
      ['PROFILE-006', 'error', 'allowedOriginCriteria[0].code'],
    ],
    ['a preferential agreement with one party', { parties: ['TH'] }, ['PROFILE-007', 'error', 'parties']],
    ['a preferential agreement open to all', { parties: null }, ['PROFILE-007', 'error', 'parties']],
    ['a preferential agreement without criteria', { allowedOriginCriteria: [] }, ['PROFILE-008', 'error', 'allowedOriginCriteria']],
    ['a non-preferential profile with criteria', { preferential: false }, ['PROFILE-009', 'error', 'allowedOriginCriteria']],
    [
      'a component outside the vocabulary (warning)',
      { allowedOriginCriteria: [{ code: 'ACU', description: 'Accumulation' }] },
      ['PROFILE-010', 'warning', 'allowedOriginCriteria[0].code'],
    ],
    [
      'NON_PREFERENTIAL marked preferential',
      { code: 'NON_PREFERENTIAL' },
      ['PROFILE-011', 'error', 'preferential'],
    ],
  ])('reports %s', (_name, overrides, expected) => {
    expect(idsAndPaths(buildProfile(overrides as never))).toEqual([expected]);
  });

  it('returns the profile when there are warnings only, not when there is an error', () => {
    expect(parseAgreementProfile(buildProfile({ allowedOriginCriteria: [{ code: 'ACU', description: 'x' }] })).profile).toBeDefined();
    expect(parseAgreementProfile(buildProfile({ effectiveTo: '2023-01-01' })).profile).toBeUndefined();
  });
});
