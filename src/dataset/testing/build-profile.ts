import type { AgreementProfile } from '../agreements/agreement-profile';

/** A valid preferential profile version for specs; override any field. */
export function buildProfile(overrides: Partial<AgreementProfile> = {}): AgreementProfile {
  return {
    code: 'TESTFTA',
    version: '2024-01-01',
    name: 'Test Free Trade Agreement',
    legalBasis: 'Test Agreement, Chapter 3',
    formType: 'T',
    preferential: true,
    parties: ['TH', 'VN'],
    allowedOriginCriteria: [
      { code: 'WO', description: 'Wholly obtained' },
      { code: 'CTSH+RVC35', description: 'Change of subheading and RVC of 35%', rvcThresholdPercent: 35 },
    ],
    retroactiveGraceDays: 3,
    retroactiveGraceWorkingDays: false,
    retroactiveLimitDays: 365,
    validityDays: 365,
    verificationResponseMinDays: 30,
    verificationResponseMaxDays: 90,
    matchingQuantityTolerancePercent: 5,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    ...overrides,
  };
}
