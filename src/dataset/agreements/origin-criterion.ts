import type { AgreementProfile, OriginCriterionDefinition } from './agreement-profile';

const RVC_COMPONENT = /^RVC([0-9]{1,3})$/;

/** The components of a criterion code: `CTSH+RVC35` -> [`CTSH`, `RVC35`]. */
export function criterionComponents(code: string): string[] {
  return code.split('+');
}

/** The RVC thresholds named in a criterion code (`CTSH+RVC35` -> [35]). */
export function rvcThresholdsOf(code: string): number[] {
  return criterionComponents(code)
    .map((component) => RVC_COMPONENT.exec(component))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

export function findCriterion(profile: AgreementProfile, code: string): OriginCriterionDefinition | undefined {
  return profile.allowedOriginCriteria.find((criterion) => criterion.code === code);
}

/**
 * Whether a criterion is RVC-based: by the profile's definition when the profile knows it, otherwise by
 * an `RVCnn` component in its code.
 */
export function isRvcBasedCriterion(code: string, profile?: AgreementProfile): boolean {
  const definition = profile ? findCriterion(profile, code) : undefined;
  if (definition) return definition.rvcThresholdPercent !== undefined;
  return rvcThresholdsOf(code).length > 0;
}
