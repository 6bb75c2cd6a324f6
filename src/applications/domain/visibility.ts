import { AuthorityRole } from '../../core/auth/authority-role';
import { PrincipalKind, type Principal } from '../../core/auth/principal';

export enum ApplicationViewer {
  /** The trader who applied. */
  EXPORTER = 'EXPORTER',
  /** The issuing authority the application is addressed to (its officers and systems). */
  AUTHORITY = 'AUTHORITY',
}

/**
 * Who sees an application: the exporter that made it, and the issuing authority it is addressed to.
 * Nobody else: not another trader (the consignee sees the certificate once issued, never the
 * application), not the importing customs, not the operator.
 */
export function viewerOf(principal: Principal, application: { exporterTraderId: string; authorityId: string }): ApplicationViewer | null {
  switch (principal.kind) {
    case PrincipalKind.TRADER:
      return principal.traderId === application.exporterTraderId ? ApplicationViewer.EXPORTER : null;
    case PrincipalKind.AUTHORITY:
      return principal.roles.includes(AuthorityRole.ISSUER) && principal.authorityId === application.authorityId ? ApplicationViewer.AUTHORITY : null;
    case PrincipalKind.OPERATOR:
      return null;
  }
}
