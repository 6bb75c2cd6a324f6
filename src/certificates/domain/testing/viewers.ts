import { AuthorityRole } from '../../../core/auth/authority-role';
import { AuthorityPrincipal, OperatorPrincipal, PrincipalKind, TraderPrincipal } from '../../../core/auth/principal';
import { CertificateStatus } from '../certificate-status';
import { ViewedCertificate } from '../viewer';

// Cambodia's ministry issues for Japan; Japan has two customs authorities on this hub.
export const operator: OperatorPrincipal = { kind: PrincipalKind.OPERATOR };
export const issuer: AuthorityPrincipal = { kind: PrincipalKind.AUTHORITY, authorityId: 'a-kh-moc', code: 'KH-MOC', country: 'KH', roles: [AuthorityRole.ISSUER], apiKeyId: 'k1' };
export const otherIssuer: AuthorityPrincipal = { ...issuer, authorityId: 'a-kh-cci', code: 'KH-CCI' };
export const customs: AuthorityPrincipal = { kind: PrincipalKind.AUTHORITY, authorityId: 'a-jp', code: 'JP-CUSTOMS', country: 'JP', roles: [AuthorityRole.CUSTOMS], apiKeyId: 'k2' };
export const osakaCustoms: AuthorityPrincipal = { ...customs, authorityId: 'a-jp-osa', code: 'JP-CUSTOMS-OSAKA' };
export const thaiCustoms: AuthorityPrincipal = { ...customs, authorityId: 'a-th', code: 'TH-CUSTOMS', country: 'TH' };
export const exporter: TraderPrincipal = { kind: PrincipalKind.TRADER, traderId: 't1', partyId: 'KH-TIN-1234567', country: 'KH', apiKeyId: 'k3' };
export const consignee: TraderPrincipal = { ...exporter, traderId: 't2', partyId: 'JP-CN-1234567890123', country: 'JP' };
export const stranger: TraderPrincipal = { ...exporter, traderId: 't3', partyId: 'KH-TIN-9999999' };

export function buildViewed(overrides: Partial<ViewedCertificate> = {}): ViewedCertificate {
  return { issuingAuthorityId: issuer.authorityId, status: CertificateStatus.ISSUED, importCountry: 'JP', exporterId: exporter.partyId, consigneeId: consignee.partyId, ...overrides };
}
