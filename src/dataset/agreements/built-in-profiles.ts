import atiga from './profiles/atiga-2010-05-17.json';
import nonPreferential from './profiles/non-preferential-2000-01-01.json';
import rcep from './profiles/rcep-2022-01-01.json';
import { normalizeDocument } from '../canonical';
import type { AgreementProfile } from './agreement-profile';
import { ProfileCatalog } from './profile-catalog';

// The profiles shipped with the hub (profiles/*.json; JSON has no comments, so each cites its sources in
// `notes`). Operators add versions at run time. The shipped ones are checked by the same validator as an
// upload, where the validator is loaded anyway: by their spec (built-in-profiles.spec.ts), and by the hub
// as it starts (DatasetService refuses to start on one that fails). Reading them here costs no
// validator, so the dataset rules and their specs load without class-validator or Nest.
// Where the figures come from:
// - RCEP: criteria Art 3.2 and Annex 3A; validity one year, Art 3.16.6; verification response between 30
//   and 90 days, Art 3.24.4(a); retroactive issuance (3 working days' grace, one year's limit) from the
//   "Issued Retroactively" practice under Art 3.17 and Annex 3B, paragraph not verified.
// - ATIGA: criteria Chapter 3 and Annex 3; Form D validity 12 months, retroactive issuance within one year
//   (Annex 8 Rule 11(1), 3 days' grace), verification reply within 90 days: Annex 8 rule numbers other
//   than Rule 11 not verified.
// - NON_PREFERENTIAL: no treaty; hub defaults.
export const SHIPPED_PROFILE_FILES: readonly unknown[] = [rcep, atiga, nonPreferential];

/** The shipped profiles, read as the validator returns a valid one (normalised: the spec holds them to it). */
export const BUILT_IN_PROFILES: readonly AgreementProfile[] = SHIPPED_PROFILE_FILES.map((file) => normalizeDocument(file as object) as unknown as AgreementProfile);

export function builtInProfileCatalog(): ProfileCatalog {
  return new ProfileCatalog(BUILT_IN_PROFILES);
}
