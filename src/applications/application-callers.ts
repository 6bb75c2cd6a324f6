import { AuthorityRole } from '../core/auth/authority-role';
import { PrincipalKind, type AuthorityPrincipal, type Principal, type TraderPrincipal } from '../core/auth/principal';
import { RequestError, RequestErrorCode } from '../core/errors/request-error';
import { ApplicationError, ApplicationErrorCode } from './application.error';
import type { ApplicationScope } from './application-store';

export interface Officer {
  principal: AuthorityPrincipal;
  officerId: string;
  /** The audit and history label: the authority and the person. */
  actor: string;
}

/** The exporter's steps are a trader's. */
export function asExporter(principal: Principal): TraderPrincipal {
  if (principal.kind !== PrincipalKind.TRADER) throw new RequestError(RequestErrorCode.FORBIDDEN, 'Only the exporter (a registered trader) takes this step');
  return principal;
}

/** Decisions record the officer: an issuing authority's key that names one (officerId). */
export function asOfficer(principal: Principal): Officer {
  if (principal.kind !== PrincipalKind.AUTHORITY || !principal.roles.includes(AuthorityRole.ISSUER)) {
    throw new RequestError(RequestErrorCode.FORBIDDEN, "Only an officer of the issuing authority takes this step");
  }
  if (!principal.officerId) {
    throw new ApplicationError(ApplicationErrorCode.OFFICER_REQUIRED, 'Every step of a review records the officer, and this API key names none: the operator issues each officer a key with officerId');
  }
  return { principal, officerId: principal.officerId, actor: `authority:${principal.code}/officer:${principal.officerId}` };
}

/** What the caller may see: its own applications, or those addressed to its authority. */
export function scopeOf(principal: Principal): ApplicationScope {
  if (principal.kind === PrincipalKind.TRADER) return { exporterTraderId: principal.traderId };
  if (principal.kind === PrincipalKind.AUTHORITY && principal.roles.includes(AuthorityRole.ISSUER)) return { authorityId: principal.authorityId };
  // The importing customs and the operator never see applications.
  throw new RequestError(RequestErrorCode.FORBIDDEN, 'Applications are seen by their exporter and the issuing authority they are addressed to');
}
