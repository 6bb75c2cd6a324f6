import { AuthorityRole } from './authority-role';

export enum PrincipalKind {
  OPERATOR = 'OPERATOR',
  AUTHORITY = 'AUTHORITY',
  TRADER = 'TRADER',
}

export interface OperatorPrincipal {
  kind: PrincipalKind.OPERATOR;
}

export interface AuthorityPrincipal {
  kind: PrincipalKind.AUTHORITY;
  authorityId: string;
  code: string;
  country: string;
  roles: AuthorityRole[];
  apiKeyId: string;
  /** The officer (a person of the authority) the key names, when it names one. */
  officerId?: string | null;
}

export interface TraderPrincipal {
  kind: PrincipalKind.TRADER;
  traderId: string;
  partyId: string;
  country: string;
  apiKeyId: string;
}

/** Who is calling: resolved once per request from the bearer credential. */
export type Principal = OperatorPrincipal | AuthorityPrincipal | TraderPrincipal;

/** A stable label for the audit log and for scoping idempotency keys. */
export function principalLabel(principal: Principal): string {
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return 'operator';
    case PrincipalKind.AUTHORITY:
      return `authority:${principal.code}`;
    case PrincipalKind.TRADER:
      return `trader:${principal.partyId}`;
  }
}

export function isAuthorityWithRole(principal: Principal, role: AuthorityRole): principal is AuthorityPrincipal {
  return principal.kind === PrincipalKind.AUTHORITY && principal.roles.includes(role);
}
