import { AuthorityRole } from '../../../core/auth/authority-role';
import { Principal, PrincipalKind } from '../../../core/auth/principal';

export enum AnswerScope {
  // Every check with its reason code and the certificate's states.
  FULL = 'FULL',
  // The verdict and the public summary only.
  PUBLIC = 'PUBLIC',
}

export interface ScopeFacts {
  // The issuer of the certificate found (or named, when none is found).
  issuingAuthorityCode: string | null;
  // The certificate's importing country (or the document's, when the hub holds none).
  importCountry: string | null;
}

/**
 * Who gets the full answer: the operator, the issuing authority, and the customs of the importing
 * country. Everyone else (no key, a trader, other authorities) gets the public answer.
 */
export function answerScope(principal: Principal | undefined, facts: ScopeFacts): AnswerScope {
  if (!principal) return AnswerScope.PUBLIC;
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return AnswerScope.FULL;
    case PrincipalKind.TRADER:
      return AnswerScope.PUBLIC;
    case PrincipalKind.AUTHORITY: {
      const issuer = principal.roles.includes(AuthorityRole.ISSUER) && facts.issuingAuthorityCode === principal.code;
      const customs = principal.roles.includes(AuthorityRole.CUSTOMS) && facts.importCountry === principal.country;
      return issuer || customs ? AnswerScope.FULL : AnswerScope.PUBLIC;
    }
  }
}
