import { AuthorityRole } from '../core/auth/authority-role';
import { Principal, PrincipalKind } from '../core/auth/principal';
import type { SqlStatement } from '../core/unit-of-work/effects';
import { CertificateStatus } from './domain/certificate-status';

/**
 * When a read of the certificates row `c` is audited, as SQL over the row: the caller may see it
 * (domain/viewer.ts viewerOf) and is not its issuer (domain/visibility.ts isIssuerOf). It must never
 * hold where the domain refuses the read, so each branch is viewerOf's branch narrowed by isIssuerOf;
 * where it is narrower than the domain, the caller records the read apart. Placeholders follow
 * `values` (appended to them).
 */
export function auditedReadCondition(principal: Principal, values: unknown[]): string {
  const param = (value: unknown) => `$${values.push(value)}`;
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return 'true';
    case PrincipalKind.AUTHORITY:
      // The issuer of a certificate never has its read audited, whatever else it may be.
      if (!principal.roles.includes(AuthorityRole.CUSTOMS)) return 'false';
      return `(c.issuing_authority_id <> ${param(principal.authorityId)}::uuid AND c.status <> ${param(CertificateStatus.DRAFT)} AND c.import_country = ${param(principal.country)})`;
    case PrincipalKind.TRADER:
      return `(c.status <> ${param(CertificateStatus.DRAFT)} AND (c.exporter_id = ${param(principal.partyId)} OR c.consignee_id = ${param(principal.partyId)}))`;
  }
}

/**
 * One certificate by id, with the column `audited` saying whether this caller's read of it is
 * audited; `auditable` is false when no read of this caller ever is (an issuer that is not customs).
 * `columns`: every column (`c.*`) unless the caller names fewer.
 */
export function certificateReadStatement(principal: Principal, id: string, columns = 'c.*'): { statement: SqlStatement; auditable: boolean } {
  const values: unknown[] = [id];
  const condition = auditedReadCondition(principal, values);
  return { statement: { text: `SELECT ${columns}, COALESCE(${condition}, false) AS audited FROM certificates c WHERE c.id = $1`, values }, auditable: condition !== 'false' };
}
