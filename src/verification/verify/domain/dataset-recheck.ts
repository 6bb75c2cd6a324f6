import { ProfileCatalog } from '../../../dataset/agreements/profile-catalog';
import { checkCertificate } from '../../../dataset/check-certificate';
import type { HsNomenclature } from '../../../dataset/hs/hs-nomenclature';
import { DatasetFacts } from './verification-facts';

export interface DatasetRecheckInput {
  // The hub-recorded issue time (or, for a document the hub does not hold, the one it states).
  issueTime: Date;
  // The profile version the certificate recorded at issue ("RCEP@2022-01-01"); null when none.
  recordedProfile: string | null;
  catalog: ProfileCatalog;
  hs: HsNomenclature;
  issuerCountry?: string;
  /** The rules version the certificate recorded at issue; the first one for a document the hub does not hold. */
  rulesVersion: string;
}

/** "RCEP@2022-01-01" as code and version (a version may itself hold no "@", a code may). */
export function parseProfileVersion(recorded: string): { code: string; version: string } | undefined {
  const at = recorded.lastIndexOf('@');
  if (at <= 0 || at === recorded.length - 1) return undefined;
  return { code: recorded.slice(0, at), version: recorded.slice(at + 1) };
}

/**
 * The dataset rules run again as they stood when the certificate was issued: at its issue time, with
 * only the profile version it recorded (so a later version or edit never re-judges it).
 */
export function recheckDataset(document: Record<string, unknown>, input: DatasetRecheckInput): DatasetFacts {
  let catalog = input.catalog;
  if (input.recordedProfile) {
    const recorded = parseProfileVersion(input.recordedProfile);
    const profile = recorded && input.catalog.version(recorded.code, recorded.version);
    if (!profile) return { kind: 'PROFILE_UNKNOWN', profileVersion: input.recordedProfile };
    catalog = new ProfileCatalog([profile]);
  }
  const checked = checkCertificate(document, { now: input.issueTime, catalog, hs: input.hs, issuerCountry: input.issuerCountry, issued: true, rulesVersion: input.rulesVersion });
  if (!checked.validatedAgainst) return { kind: 'SHAPE_INVALID', violations: checked.violations };
  const { dataset, agreement, hs } = checked.validatedAgainst;
  return {
    kind: 'CHECKED',
    violations: checked.violations,
    against: { dataset, profile: agreement ? `${agreement.code}@${agreement.version}` : null, hs },
    at: input.issueTime,
  };
}
