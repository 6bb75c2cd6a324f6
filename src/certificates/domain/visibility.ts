import { AuthorityRole } from '../../core/auth/authority-role';
import { Principal, PrincipalKind } from '../../core/auth/principal';
import { CertificateStatus } from './certificate-status';

export interface VisibleFacts {
  issuingAuthorityId: string;
  status: CertificateStatus;
  importCountry: string;
  exporterId: string;
  consigneeId: string | null;
}

/**
 * Who sees a certificate: its issuer; importing customs, once issued, for their country; the
 * exporter and consignee, once issued; the operator.
 */
export function canSee(principal: Principal, facts: VisibleFacts): boolean {
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return true;
    case PrincipalKind.AUTHORITY:
      if (principal.roles.includes(AuthorityRole.ISSUER) && facts.issuingAuthorityId === principal.authorityId) return true;
      return principal.roles.includes(AuthorityRole.CUSTOMS) && facts.status !== CertificateStatus.DRAFT && facts.importCountry === principal.country;
    case PrincipalKind.TRADER:
      return facts.status !== CertificateStatus.DRAFT && (facts.exporterId === principal.partyId || facts.consigneeId === principal.partyId);
  }
}

/** Issuer reads are the issuer's own business; everyone else's reads go to the audit log. */
export function isIssuerOf(principal: Principal, facts: Pick<VisibleFacts, 'issuingAuthorityId'>): boolean {
  return principal.kind === PrincipalKind.AUTHORITY && principal.authorityId === facts.issuingAuthorityId;
}
