import type { ProfileCatalog } from './agreements/profile-catalog';
import { normalizeDocument } from './canonical';
import type { CertificateDocument } from './certificate-document';
import { DATASET_VERSION } from './dataset-version';
import type { HsNomenclature } from './hs/hs-nomenclature';
import { buildRuleContext, runRules } from './rules';
import { validateCertificateShape, validateIssuedCertificateShape } from './validate-shape';
import { hasErrors, type Violation } from '../core/validation/violations';

export interface CertificateCheckInput {
  now: Date;
  catalog: ProfileCatalog;
  hs: HsNomenclature;
  /** Country of the issuing authority the certificate is created for (rule CO-EXP-001). */
  issuerCountry?: string;
  /** True for a document already issued (received from a partner): it carries issuingAuthority and issueDateTime. */
  issued?: boolean;
  /** The rules version to judge by, when not the current one (a received document, an older certificate). */
  rulesVersion?: string;
}

/** The versions a certificate was validated against; recorded with it so later edits never re-judge it. */
export interface ValidatedAgainst {
  dataset: string;
  agreement?: { code: string; version: string };
  hs: string;
}

export interface CertificateCheck {
  /** The normalised document (NFC, six-digit HS codes): present when there is no error, warnings allowed. */
  document?: CertificateDocument;
  /** Shape violations (then no rule ran), or the rules' errors and warnings. */
  violations: Violation[];
  validatedAgainst?: ValidatedAgainst;
}

/**
 * Shape, normalisation and business rules in one pure call: what the certificates service runs on a
 * create body (and the exchange on a received document) before storing or signing anything.
 */
export function checkCertificate(body: unknown, input: CertificateCheckInput): CertificateCheck {
  const shape = input.issued ? validateIssuedCertificateShape(body) : validateCertificateShape(body);
  if (!shape.value) return { violations: shape.violations };
  const document: CertificateDocument = normalizeDocument(shape.value);
  const ctx = buildRuleContext({ doc: document, now: input.now, catalog: input.catalog, hs: input.hs, issuerCountry: input.issuerCountry, rulesVersion: input.rulesVersion });
  const violations = runRules(document, ctx);
  const validatedAgainst: ValidatedAgainst = {
    dataset: input.rulesVersion ?? DATASET_VERSION,
    agreement: ctx.profile ? { code: ctx.profile.code, version: ctx.profile.version } : undefined,
    hs: input.hs.version,
  };
  return hasErrors(violations) ? { violations, validatedAgainst } : { document, violations, validatedAgainst };
}
