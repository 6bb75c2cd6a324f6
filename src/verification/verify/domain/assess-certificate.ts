import { datasetCheck } from './dataset-check';
import { importStatusCheck, quantityCheck, statusCheck } from './record-checks';
import { chainCheck, integrityCheck, revocationCheck, signatureCheck, signerValidityCheck } from './signature-checks';
import { CheckResult, Verdict, VerificationReason } from './verification-codes';
import { VerificationFacts } from './verification-facts';
import { decideVerdict, verdictReasons } from './verdict';

export interface Assessment {
  verdict: Verdict;
  // Every check, in a fixed order, each with its outcome and reason code.
  checks: CheckResult[];
  // The reason codes behind the verdict (failed, then undecided).
  reasons: VerificationReason[];
}

/**
 * Judges a certificate from what is known about it: the one verdict function of the hub's API, its
 * public page and the offline command-line verifier, so all three give the same codes.
 */
export function assessCertificate(facts: VerificationFacts): Assessment {
  const checks: CheckResult[] = [
    integrityCheck(facts.signature, facts.record, facts.contentHash),
    signatureCheck(facts.signature),
    chainCheck(facts.signature),
    signerValidityCheck(facts.signature),
    revocationCheck(facts.signature),
    statusCheck(facts.record, facts.now),
    importStatusCheck(facts.record),
    quantityCheck(facts.quantity, facts.record),
    datasetCheck(facts.dataset),
  ];
  return { verdict: decideVerdict(checks), checks, reasons: verdictReasons(checks) };
}
