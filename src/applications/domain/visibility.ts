import { AuthorityRole } from '../../core/auth/authority-role';
import { PrincipalKind, type Principal } from '../../core/auth/principal';

export enum ApplicationViewer {
  /** The trader who applied. */
  EXPORTER = 'EXPORTER',
  /** The issuing authority the application is addressed to (its officers and systems). */
  AUTHORITY = 'AUTHORITY',
}

/**
 * Who sees an application: the exporter that made it, and, once submitted, the issuing authority it
 * is addressed to.
 * Nobody else: not another trader (the consignee sees the certificate once issued, never the
 * application), not the importing customs, not the operator.
 */
export function viewerOf(principal: Principal, application: { exporterTraderId: string; authorityId: string; firstSubmittedAt: Date | null }): ApplicationViewer | null {
  switch (principal.kind) {
    case PrincipalKind.TRADER:
      return principal.traderId === application.exporterTraderId ? ApplicationViewer.EXPORTER : null;
    case PrincipalKind.AUTHORITY:
      // A draft is the exporter's own until its first submission.
      return principal.roles.includes(AuthorityRole.ISSUER) && principal.authorityId === application.authorityId && application.firstSubmittedAt !== null ? ApplicationViewer.AUTHORITY : null;
    case PrincipalKind.OPERATOR:
      return null;
  }
}
