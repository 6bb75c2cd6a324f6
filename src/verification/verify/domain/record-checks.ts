import { CheckOutcome, CheckResult, VerificationCheck, VerificationReason } from './verification-codes';
import { IssuerStatus, ItemBalance, QuantityFacts, RecordFacts } from './verification-facts';

const result = (check: VerificationCheck, outcome: CheckOutcome, reason: VerificationReason, message: string, details?: Record<string, unknown>): CheckResult =>
  details ? { check, outcome, reason, message, details } : { check, outcome, reason, message };

function absent(check: VerificationCheck, record: RecordFacts): CheckResult | undefined {
  if (record.kind === 'NOT_FOUND') return result(check, CheckOutcome.UNKNOWN, VerificationReason.CERTIFICATE_NOT_FOUND, 'the hub holds no such certificate');
  if (record.kind === 'OFFLINE') return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.OFFLINE, 'an offline verification does not know the state the hubs hold');
  return undefined;
}

/**
 * STATUS, the issuer's state: only ISSUED and within the agreement's validity passes. Validity is
 * judged here too, since the expiry job runs hourly and a certificate is expired the moment it passes.
 */
export function statusCheck(record: RecordFacts, now: Date): CheckResult {
  const check = VerificationCheck.STATUS;
  const missing = absent(check, record);
  if (missing) return missing;
  if (record.kind === 'PUBLISHED' && (record.problem || record.status === null)) {
    return result(check, CheckOutcome.UNKNOWN, VerificationReason.NOT_VERIFIABLE, `the published status cannot be relied on: ${record.problem ?? 'no status list given holds this credential'}`);
  }
  const found = record as Extract<RecordFacts, { kind: 'FOUND' | 'PUBLISHED' }>;
  const expiresAt = found.expiresAt?.toISOString() ?? null;
  switch (found.status) {
    case IssuerStatus.ISSUED:
      if (found.expiresAt && found.expiresAt.getTime() <= now.getTime()) {
        return result(check, CheckOutcome.FAIL, VerificationReason.EXPIRED, `the certificate expired on ${expiresAt} under its agreement`, { expiresAt });
      }
      return result(check, CheckOutcome.PASS, VerificationReason.ISSUED, expiresAt ? `issued and valid until ${expiresAt}` : 'issued; it does not expire', { expiresAt });
    case IssuerStatus.EXPIRED:
      return result(check, CheckOutcome.FAIL, VerificationReason.EXPIRED, `the certificate expired${expiresAt ? ` on ${expiresAt}` : ''} under its agreement`, { expiresAt });
    case IssuerStatus.CANCELLED:
      return result(check, CheckOutcome.FAIL, VerificationReason.CANCELLED, 'the issuing authority cancelled the certificate');
    case IssuerStatus.REPLACED:
      return result(
        check,
        CheckOutcome.FAIL,
        VerificationReason.REPLACED,
        found.replacedByNumber ? `the certificate was replaced by ${found.replacedByNumber}` : 'the certificate was replaced',
        { replacedBy: found.replacedByNumber },
      );
    default:
      return result(check, CheckOutcome.UNKNOWN, VerificationReason.CERTIFICATE_NOT_FOUND, 'the hub holds no issued certificate under this reference');
  }
}

const IMPORT_OUTCOMES: Record<string, [CheckOutcome, VerificationReason, string]> = {
  RECEIVED: [CheckOutcome.PASS, VerificationReason.IMPORT_RECEIVED, 'received by the importing customs, not yet decided'],
  ACCEPTED: [CheckOutcome.PASS, VerificationReason.IMPORT_ACCEPTED, 'accepted by the importing customs'],
  VERIFIED: [CheckOutcome.PASS, VerificationReason.IMPORT_VERIFIED, 'confirmed by the issuer after a verification request of the importing customs'],
  // Under verification with the issuer: neither good nor bad until the case is closed.
  DISPUTED: [CheckOutcome.UNKNOWN, VerificationReason.IMPORT_DISPUTED, 'the importing customs are verifying it with the issuer'],
  REJECTED: [CheckOutcome.FAIL, VerificationReason.IMPORT_REJECTED, 'rejected by the importing customs'],
};

/** IMPORT_STATUS, the importing customs' own state; no decision yet is no objection. */
export function importStatusCheck(record: RecordFacts): CheckResult {
  const check = VerificationCheck.IMPORT_STATUS;
  const missing = absent(check, record);
  if (missing) return missing;
  if (record.kind === 'PUBLISHED') return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.OFFLINE, "the importing side's state is not published with the issuer's status");
  const { importStatus } = record as Extract<RecordFacts, { kind: 'FOUND' }>;
  if (importStatus === null) return result(check, CheckOutcome.PASS, VerificationReason.IMPORT_NONE, 'the importing customs have recorded no decision');
  const known = IMPORT_OUTCOMES[importStatus];
  if (!known) return result(check, CheckOutcome.UNKNOWN, VerificationReason.NOT_VERIFIABLE, `unknown import status ${importStatus}`);
  return result(check, known[0], known[1], known[2], { importStatus });
}

// A decimal string of the dataset ("25000", "0.000", "-12.5"): positive, zero or negative.
function sign(decimal: string): number {
  const negative = decimal.trim().startsWith('-');
  const digits = decimal.replace(/[^0-9]/g, '');
  if (/^0*$/.test(digits)) return 0;
  return negative ? -1 : 1;
}

/**
 * QUANTITY, from the ledger of uses: exhausted when nothing is left of any item issued with a
 * quantity; items without a quantity cannot be counted.
 */
export function quantityCheck(quantity: QuantityFacts, record: RecordFacts): CheckResult {
  const check = VerificationCheck.QUANTITY;
  const missing = absent(check, record);
  if (missing) return missing;
  switch (quantity.kind) {
    case 'OFFLINE':
      return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.OFFLINE, 'an offline verification does not know the uses recorded');
    case 'NOT_FOUND':
      return result(check, CheckOutcome.UNKNOWN, VerificationReason.CERTIFICATE_NOT_FOUND, 'the hub holds no such certificate');
    case 'UNAVAILABLE':
      return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.LEDGER_UNAVAILABLE, 'this hub keeps no ledger of uses yet, so the remaining quantity is not known');
    case 'BALANCES':
      return balancesCheck(quantity.balances);
  }
}

function balancesCheck(balances: ItemBalance[]): CheckResult {
  const check = VerificationCheck.QUANTITY;
  const counted = balances.filter((b) => b.issued !== null && b.remaining !== null);
  const details = { items: balances };
  if (counted.length === 0) return result(check, CheckOutcome.NOT_APPLICABLE, VerificationReason.NO_QUANTITIES, 'no item carries a quantity to count uses against', details);
  const exhausted = counted.filter((b) => sign(b.remaining as string) <= 0);
  if (exhausted.length === counted.length) {
    return result(check, CheckOutcome.FAIL, VerificationReason.QUANTITY_EXHAUSTED, 'the quantities of every item have been used up', details);
  }
  const note = exhausted.length > 0 ? `; used up: item ${exhausted.map((b) => b.itemNumber).join(', item ')}` : '';
  return result(check, CheckOutcome.PASS, VerificationReason.QUANTITY_REMAINING, `quantity remains on ${counted.length - exhausted.length} of ${counted.length} items${note}`, details);
}
