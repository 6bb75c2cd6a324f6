import { CheckOutcome, CheckResult, VerificationCheck, VerificationReason } from './verification-codes';
import { DatasetFacts } from './verification-facts';

/** DATASET: the business rules as they stood at the issue time, against the recorded profile version. */
export function datasetCheck(dataset: DatasetFacts): CheckResult {
  const check = VerificationCheck.DATASET;
  switch (dataset.kind) {
    case 'NOT_FOUND':
      return { check, outcome: CheckOutcome.UNKNOWN, reason: VerificationReason.CERTIFICATE_NOT_FOUND, message: 'the hub holds no such certificate' };
    case 'PROFILE_UNKNOWN':
      return {
        check,
        outcome: CheckOutcome.UNKNOWN,
        reason: VerificationReason.PROFILE_VERSION_UNKNOWN,
        message: `the agreement profile version ${dataset.profileVersion} the certificate was issued under is not known here`,
      };
    case 'SHAPE_INVALID':
      return {
        check,
        outcome: CheckOutcome.FAIL,
        reason: VerificationReason.DOCUMENT_SHAPE_INVALID,
        message: `the document is not a certificate of the common dataset (${dataset.violations.length} problem${dataset.violations.length === 1 ? '' : 's'})`,
        details: { violations: dataset.violations },
      };
    case 'CHECKED': {
      const errors = dataset.violations.filter((v) => v.severity === 'error');
      const details = { against: dataset.against, at: dataset.at.toISOString(), violations: dataset.violations };
      if (errors.length > 0) {
        return { check, outcome: CheckOutcome.FAIL, reason: VerificationReason.RULES_FAILED, message: `${errors.length} rule${errors.length === 1 ? '' : 's'} broken: ${errors.map((v) => v.ruleId).join(', ')}`, details };
      }
      const warnings = dataset.violations.length;
      return {
        check,
        outcome: CheckOutcome.PASS,
        reason: VerificationReason.RULES_PASSED,
        message: `every rule holds as of the issue time${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
        details,
      };
    }
  }
}
