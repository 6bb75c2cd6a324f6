import { Principal, PrincipalKind } from '../../core/auth/principal';
import { ViewedCertificate, viewerOf } from './viewer';

export type VisibleFacts = ViewedCertificate;

/**
 * Who sees a certificate: its issuer; importing customs, once issued, for their country; the
 * exporter and consignee, once issued; the operator. What each of them sees of it is decided by its
 * role (domain/viewer.ts, history-view.ts, deliveries-view.ts).
 */
export function canSee(principal: Principal, facts: VisibleFacts): boolean {
  return viewerOf(principal, facts) !== null;
}

/** Issuer reads are the issuer's own business; everyone else's reads go to the audit log. */
export function isIssuerOf(principal: Principal, facts: Pick<VisibleFacts, 'issuingAuthorityId'>): boolean {
  return principal.kind === PrincipalKind.AUTHORITY && principal.authorityId === facts.issuingAuthorityId;
}
