import { AuthorityRole } from '../core/auth/authority-role';
import { Principal, PrincipalKind, principalLabel } from '../core/auth/principal';
import type { SqlStatement } from '../core/unit-of-work/effects';
import { CertificateStatus } from './domain/certificate-status';

/** What the condition of a caller's audited read takes from the caller. */
type CallerValue = 'authorityId' | 'country' | 'partyId';

// The status is the hub's own constant, written into the text.
const DRAFT = `'${CertificateStatus.DRAFT}'`;

/**
 * The kinds of caller whose reads may be audited, each with one form of the condition: the reads of
 * callers of one kind can be made in one statement, each row judged with its own caller's values.
 */
export type AuditedReadKind = 'operator' | 'customs' | 'trader';

/** Which form of the condition a caller's reads take; undefined when no read of this caller is ever audited (an issuer that is not customs). */
export function auditedReadKind(principal: Principal): AuditedReadKind | undefined {
  switch (principal.kind) {
    case PrincipalKind.OPERATOR:
      return 'operator';
    case PrincipalKind.AUTHORITY:
      // The issuer of a certificate never has its read audited, whatever else it may be.
      return principal.roles.includes(AuthorityRole.CUSTOMS) ? 'customs' : undefined;
    case PrincipalKind.TRADER:
      return 'trader';
  }
}

/**
 * When a read of the certificates row `c` is audited, as SQL over the row, for a caller of `kind`:
 * the caller may see it (domain/viewer.ts viewerOf) and is not its issuer (domain/visibility.ts
 * isIssuerOf). It must never hold where the domain refuses the read; where it is narrower than the
 * domain, the caller records the read apart. `value` gives the SQL of each of the caller's values
 * it needs.
 */
function conditionOf(kind: AuditedReadKind | undefined, value: (name: CallerValue) => string): string {
  switch (kind) {
    case undefined:
      return 'false';
    case 'operator':
      return 'true';
    case 'customs':
      return `(c.issuing_authority_id <> ${value('authorityId')}::uuid AND c.status <> ${DRAFT} AND c.import_country = ${value('country')})`;
    case 'trader':
      return `(c.status <> ${DRAFT} AND (c.exporter_id = ${value('partyId')} OR c.consignee_id = ${value('partyId')}))`;
  }
}

function callerValue(principal: Principal, name: CallerValue): string {
  if (principal.kind === PrincipalKind.AUTHORITY && name === 'authorityId') return principal.authorityId;
  if (principal.kind !== PrincipalKind.OPERATOR && name === 'country') return principal.country;
  if (principal.kind === PrincipalKind.TRADER && name === 'partyId') return principal.partyId;
  throw new Error(`No ${name} for a caller of kind ${principal.kind}`);
}

/** One caller's read of one certificate, in a group. */
export interface GroupedRead {
  principal: Principal;
  id: string;
}

/** The column of a grouped read's rows that says which read of the group (1, 2, ...) a row answers. */
export const READ_NUMBER = 'read_n';
/** The column of a grouped read's rows that gives the label (principalLabel) of the caller it answers. */
export const READ_ACTOR = 'read_actor';

const GROUP_COLUMNS: Record<CallerValue, string> = { authorityId: 'authority_id', country: 'country', partyId: 'party_id' };

/**
 * The reads of a group of callers of one kind (undefined: callers no read of whom is ever audited),
 * each by id, in one SELECT: a row per read whose certificate exists, with READ_NUMBER (its place in
 * `reads`, from 1), READ_ACTOR, and `audited` judged with its own caller's values. The text depends
 * only on the kind and the columns (each caller value is one array), so it is prepared once per
 * connection.
 */
export function groupedReadStatement(kind: AuditedReadKind | undefined, reads: readonly GroupedRead[], columns = 'c.*'): SqlStatement {
  const used = new Set<CallerValue>();
  const condition = conditionOf(kind, (name) => {
    used.add(name);
    return `q.${GROUP_COLUMNS[name]}`;
  });
  // A value the kind's condition does not use is sent as nulls (a caller of that kind has none).
  const column = (name: CallerValue) => reads.map((read) => (used.has(name) ? callerValue(read.principal, name) : null));
  return {
    text:
      `SELECT q.n AS ${READ_NUMBER}, q.actor AS ${READ_ACTOR}, ${columns}, COALESCE(${condition}, false) AS audited ` +
      `FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[]) WITH ORDINALITY AS q(id, actor, authority_id, country, party_id, n) ` +
      `JOIN certificates c ON c.id = q.id`,
    values: [reads.map((read) => read.id), reads.map((read) => principalLabel(read.principal)), column('authorityId'), column('country'), column('partyId')],
  };
}
