import type { AgreementProfile } from '../agreements/agreement-profile';
import type { CertificateDocument } from '../certificate-document';
import type { HsNomenclature } from '../hs/hs-nomenclature';
import type { Violation, ViolationSeverity } from '../../core/validation/violations';

/** What a rule may know besides the document. Pure data: time comes in `now`, never from the clock. */
export interface RuleContext {
  now: Date;
  /** Country of the issuing authority, when the document is checked for an issuer. */
  issuerCountry?: string;
  /** The profile of `doc.agreement` in force at `now`; undefined when unknown or not in force. */
  profile?: AgreementProfile;
  /** Whether the catalog knows `doc.agreement` at all (any version). */
  agreementKnown: boolean;
  hs: HsNomenclature;
  /**
   * The rules version a document is judged by when it is not this hub's current one: a received
   * document, or a certificate issued under an earlier version. A rule added later only warns then.
   */
  rulesVersion?: string;
}

/** A business rule: a stable id, one severity, and a pure check. */
export interface CertificateRule {
  readonly id: string;
  readonly severity: ViolationSeverity;
  /** One line: what the rule requires. */
  readonly title: string;
  /** The rules version (DATASET_VERSION) that added the rule; absent for the rules of version 1. */
  readonly since?: string;
  check(doc: CertificateDocument, ctx: RuleContext): Violation[];
}

/** Makes a violation of the rule being defined, at a JSON path. */
export type ReportAt = (path: string, message: string) => Violation;

export function defineRule(spec: {
  id: string;
  severity: ViolationSeverity;
  title: string;
  since?: string;
  check: (doc: CertificateDocument, ctx: RuleContext, at: ReportAt) => Violation[];
}): CertificateRule {
  const at: ReportAt = (path, message) => ({ ruleId: spec.id, severity: spec.severity, path, message });
  return {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    ...(spec.since ? { since: spec.since } : {}),
    check: (doc, ctx) => spec.check(doc, ctx, at),
  };
}
