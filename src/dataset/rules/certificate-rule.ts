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
}

/** A business rule: a stable id, one severity, and a pure check. */
export interface CertificateRule {
  readonly id: string;
  readonly severity: ViolationSeverity;
  /** One line: what the rule requires. */
  readonly title: string;
  check(doc: CertificateDocument, ctx: RuleContext): Violation[];
}

/** Makes a violation of the rule being defined, at a JSON path. */
export type ReportAt = (path: string, message: string) => Violation;

export function defineRule(spec: {
  id: string;
  severity: ViolationSeverity;
  title: string;
  check: (doc: CertificateDocument, ctx: RuleContext, at: ReportAt) => Violation[];
}): CertificateRule {
  const at: ReportAt = (path, message) => ({ ruleId: spec.id, severity: spec.severity, path, message });
  return {
    id: spec.id,
    severity: spec.severity,
    title: spec.title,
    check: (doc, ctx) => spec.check(doc, ctx, at),
  };
}
