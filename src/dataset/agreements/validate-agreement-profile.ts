import { normalizeDocument } from '../canonical';
import { isoDateToDay } from '../dates';
import { validateDtoShape } from '../../core/validation/validate-dto-shape';
import type { Violation } from '../../core/validation/violations';
import { NON_PREFERENTIAL_CODE, type AgreementProfile } from './agreement-profile';
import { AgreementProfileDto } from '../dto/agreement-profile.dto';
import { criterionComponents, rvcThresholdsOf } from './origin-criterion';

// Components the dataset knows (DESIGN.md section 4); others are allowed with a warning, so an operator
// can load an agreement with its own vocabulary while a typo still gets noticed.
const KNOWN_COMPONENTS = new Set(['WO', 'PE', 'CC', 'CTH', 'CTSH', 'SP']);
const RVC_COMPONENT = /^RVC[0-9]{1,3}$/;

function error(ruleId: string, path: string, message: string): Violation {
  return { ruleId, severity: 'error', path, message };
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((value, index) => {
    if (seen.has(value)) return [index];
    seen.add(value);
    return [];
  });
}

function consistency(p: AgreementProfile): Violation[] {
  const out: Violation[] = [];
  if (p.effectiveTo !== null && isoDateToDay(p.effectiveTo) < isoDateToDay(p.effectiveFrom)) {
    out.push(error('PROFILE-001', 'effectiveTo', 'effectiveTo must not be before effectiveFrom'));
  }
  const [min, max] = [p.verificationResponseMinDays, p.verificationResponseMaxDays];
  if (min !== null && max !== null && min > max) {
    out.push(error('PROFILE-002', 'verificationResponseMinDays', 'the verification response window must have min days <= max days'));
  }
  if (min !== null && max === null) {
    out.push(error('PROFILE-002', 'verificationResponseMaxDays', 'a verification response window with a minimum needs a maximum'));
  }
  if (p.retroactiveLimitDays !== null && p.retroactiveLimitDays < p.retroactiveGraceDays) {
    out.push(error('PROFILE-003', 'retroactiveLimitDays', 'the retroactive issuance limit must not be shorter than the grace period'));
  }
  for (const index of duplicates(p.parties ?? [])) {
    out.push(error('PROFILE-004', `parties[${index}]`, `party ${p.parties?.[index]} is listed twice`));
  }
  const codes = p.allowedOriginCriteria.map((c) => c.code);
  for (const index of duplicates(codes)) {
    out.push(error('PROFILE-005', `allowedOriginCriteria[${index}].code`, `criterion ${codes[index]} is listed twice`));
  }
  p.allowedOriginCriteria.forEach((criterion, index) => {
    const path = `allowedOriginCriteria[${index}]`;
    const thresholds = rvcThresholdsOf(criterion.code);
    if (thresholds.length > 1) {
      out.push(error('PROFILE-006', `${path}.code`, 'a criterion may name one RVC threshold only'));
    } else if (thresholds.length === 1 && criterion.rvcThresholdPercent !== thresholds[0]) {
      out.push(error('PROFILE-006', `${path}.rvcThresholdPercent`, `criterion ${criterion.code} is RVC-based: rvcThresholdPercent must be ${thresholds[0]}`));
    } else if (thresholds.length === 0 && criterion.rvcThresholdPercent !== undefined) {
      out.push(error('PROFILE-006', `${path}.rvcThresholdPercent`, `criterion ${criterion.code} names no RVC component: rvcThresholdPercent must be absent`));
    }
    const unknown = criterionComponents(criterion.code).filter((c) => !KNOWN_COMPONENTS.has(c) && !RVC_COMPONENT.test(c));
    if (unknown.length > 0) {
      out.push({ ruleId: 'PROFILE-010', severity: 'warning', path: `${path}.code`, message: `component(s) ${unknown.join(', ')} are not in the dataset's vocabulary (WO, PE, CC, CTH, CTSH, SP, RVCnn)` });
    }
  });
  if (p.preferential && (p.parties === null || p.parties.length < 2)) {
    out.push(error('PROFILE-007', 'parties', 'a preferential agreement needs at least two parties'));
  }
  if (p.preferential && p.allowedOriginCriteria.length === 0) {
    out.push(error('PROFILE-008', 'allowedOriginCriteria', 'a preferential agreement needs at least one origin criterion'));
  }
  if (!p.preferential && p.allowedOriginCriteria.length > 0) {
    out.push(error('PROFILE-009', 'allowedOriginCriteria', 'a non-preferential profile allows no origin criteria'));
  }
  if (p.code === NON_PREFERENTIAL_CODE && p.preferential) {
    out.push(error('PROFILE-011', 'preferential', `${NON_PREFERENTIAL_CODE} must not be preferential`));
  }
  return out;
}

export interface ParsedAgreementProfile {
  /** The profile as plain data; present only when there is no error (warnings allowed). */
  profile?: AgreementProfile;
  violations: Violation[];
}

/** Validates and returns an uploaded or shipped agreement profile version. */
export function parseAgreementProfile(input: unknown): ParsedAgreementProfile {
  const shape = validateDtoShape(AgreementProfileDto, input, 'PROFILE-SHAPE');
  if (!shape.value) return { violations: shape.violations };
  const profile = normalizeDocument(shape.value) as unknown as AgreementProfile;
  const violations = consistency(profile);
  return violations.some((v) => v.severity === 'error') ? { violations } : { profile, violations };
}

/**
 * Every problem with an agreement profile version: its shape (`PROFILE-SHAPE-<constraint>`), then its
 * consistency (`PROFILE-001`...). An operator uploads profiles through the API, so nothing is assumed.
 */
export function validateAgreementProfile(input: unknown): Violation[] {
  return parseAgreementProfile(input).violations;
}
