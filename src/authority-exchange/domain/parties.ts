import { AuthorityRole } from '../../core/auth/authority-role';
import { CertificateStatus } from '../../certificates/domain/certificate-status';

export interface CallingAuthority {
  code: string;
  country: string;
  roles: AuthorityRole[];
}

/** The two parties of a case: the importing customs that asked, the issuing authority that answers. */
export enum CaseSide {
  REQUESTER = 'REQUESTER',
  ISSUER = 'ISSUER',
}

/** Customs of the importing country act on an issued certificate; nobody else may (and sees 404). */
export function isImportingCustoms(caller: CallingAuthority, certificate: { importCountry: string; status: CertificateStatus }): boolean {
  return caller.roles.includes(AuthorityRole.CUSTOMS) && certificate.importCountry === caller.country && certificate.status !== CertificateStatus.DRAFT;
}

/** Which side of a case the caller is on, if any: the requesting customs or the issuing authority, by code and role. */
export function caseSides(caller: CallingAuthority, kase: { requestingAuthority: string; issuingAuthority: string }): CaseSide[] {
  const sides: CaseSide[] = [];
  if (caller.roles.includes(AuthorityRole.CUSTOMS) && caller.code === kase.requestingAuthority) sides.push(CaseSide.REQUESTER);
  if (caller.roles.includes(AuthorityRole.ISSUER) && caller.code === kase.issuingAuthority) sides.push(CaseSide.ISSUER);
  return sides;
}
