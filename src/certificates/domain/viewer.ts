import { AuthorityRole } from '../../core/auth/authority-role';
import { Principal, PrincipalKind } from '../../core/auth/principal';
import { CertificateStatus } from './certificate-status';

/** The facts of a certificate that decide who looks at it, and as what. */
export interface ViewedCertificate {
  issuingAuthorityId: string;
  status: CertificateStatus;
  importCountry: string;
  exporterId: string;
  consigneeId: string | null;
}

/** As what a caller looks at one certificate: what it sees of it follows from this. */
export enum ViewerRole {
  OPERATOR = 'OPERATOR',
  /** The authority that issued it. */
  ISSUER = 'ISSUER',
  /** A customs authority of its importing country, once issued. */
  IMPORTING_CUSTOMS = 'IMPORTING_CUSTOMS',
  /** Its exporter or consignee, once issued. */
  TRADER = 'TRADER',
}

export type Viewer =
  | { role: ViewerRole.OPERATOR }
  | { role: ViewerRole.ISSUER; code: string }
  | { role: ViewerRole.IMPORTING_CUSTOMS; code: string; country: string }
  | { role: ViewerRole.TRADER; partyId: string };

/**
 * Who looks at a certificate, or null for a caller that may not see it at all (the API answers 404).
 * An authority that both issued it and is customs of its importing country (a shared hub's own
 * customs, say) looks at it as its issuer, the wider of the two.
 */
export function viewerOf(principal: Principal, certificate: ViewedCertificate): Viewer | null {
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return { role: ViewerRole.OPERATOR };
    case PrincipalKind.AUTHORITY:
      if (principal.roles.includes(AuthorityRole.ISSUER) && certificate.issuingAuthorityId === principal.authorityId) return { role: ViewerRole.ISSUER, code: principal.code };
      if (principal.roles.includes(AuthorityRole.CUSTOMS) && certificate.status !== CertificateStatus.DRAFT && certificate.importCountry === principal.country) {
        return { role: ViewerRole.IMPORTING_CUSTOMS, code: principal.code, country: principal.country };
      }
      return null;
    case PrincipalKind.TRADER:
      if (certificate.status === CertificateStatus.DRAFT) return null;
      return certificate.exporterId === principal.partyId || certificate.consigneeId === principal.partyId ? { role: ViewerRole.TRADER, partyId: principal.partyId } : null;
  }
}
