import { toIsoDate } from '../dates';
import type { AgreementProfile } from './agreement-profile';

function byEffectiveFrom(a: AgreementProfile, b: AgreementProfile): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}

/**
 * The agreement profile versions the hub knows, effective-dated. Immutable: adding a version gives a
 * new catalog, so a certificate checked against one version is never re-judged by a later edit.
 */
export class ProfileCatalog {
  private readonly byCode: ReadonlyMap<string, readonly AgreementProfile[]>;

  constructor(profiles: readonly AgreementProfile[]) {
    const byCode = new Map<string, AgreementProfile[]>();
    for (const profile of profiles) {
      const versions = byCode.get(profile.code) ?? [];
      if (versions.some((v) => v.version === profile.version)) {
        throw new Error(`agreement profile ${profile.code} version ${profile.version} is given twice`);
      }
      if (versions.some((v) => v.effectiveFrom === profile.effectiveFrom)) {
        throw new Error(`agreement profile ${profile.code} has two versions effective from ${profile.effectiveFrom}`);
      }
      versions.push(profile);
      byCode.set(profile.code, versions);
    }
    for (const versions of byCode.values()) versions.sort(byEffectiveFrom);
    this.byCode = byCode;
  }

  /** Whether any version of the agreement is known (in force or not). */
  has(code: string): boolean {
    return this.byCode.has(code);
  }

  codes(): string[] {
    return [...this.byCode.keys()].sort();
  }

  /** Every version of an agreement, oldest first. */
  versions(code: string): AgreementProfile[] {
    return [...(this.byCode.get(code) ?? [])];
  }

  /**
   * The version in force on the UTC date of `at`: the latest `effectiveFrom` not after that date, unless
   * that version's `effectiveTo` has passed (then none: the agreement is not in force).
   */
  resolve(code: string, at: Date): AgreementProfile | undefined {
    const day = toIsoDate(at);
    const candidates = (this.byCode.get(code) ?? []).filter((v) => v.effectiveFrom <= day);
    const current = candidates[candidates.length - 1];
    if (!current || (current.effectiveTo !== null && current.effectiveTo < day)) return undefined;
    return current;
  }

  /** A specific version, as recorded on an issued certificate. */
  version(code: string, version: string): AgreementProfile | undefined {
    return this.byCode.get(code)?.find((v) => v.version === version);
  }

  /** A new catalog with one more version. */
  with(profile: AgreementProfile): ProfileCatalog {
    return new ProfileCatalog([...[...this.byCode.values()].flat(), profile]);
  }
}
