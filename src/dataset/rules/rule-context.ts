import { NON_PREFERENTIAL_CODE } from '../agreements/agreement-profile';
import type { ProfileCatalog } from '../agreements/profile-catalog';
import type { CertificateDocument } from '../certificate-document';
import type { HsNomenclature } from '../hs/hs-nomenclature';
import type { RuleContext } from './certificate-rule';

/**
 * The rule context for a document: its agreement's profile resolved at the time of issue (`now` for a
 * certificate the hub issues, its `issueDateTime` for one already issued); a non-preferential
 * certificate without `agreement` uses the NON_PREFERENTIAL profile.
 */
export function buildRuleContext(input: {
  doc: Pick<CertificateDocument, 'agreement' | 'preferential' | 'issueDateTime'>;
  now: Date;
  catalog: ProfileCatalog;
  hs: HsNomenclature;
  issuerCountry?: string;
  rulesVersion?: string;
}): RuleContext {
  const code = input.doc.agreement ?? (input.doc.preferential ? undefined : NON_PREFERENTIAL_CODE);
  const issuedAt = input.doc.issueDateTime ? new Date(input.doc.issueDateTime) : input.now;
  return {
    now: input.now,
    issuerCountry: input.issuerCountry,
    profile: code ? input.catalog.resolve(code, issuedAt) : undefined,
    agreementKnown: code ? input.catalog.has(code) : false,
    hs: input.hs,
    ...(input.rulesVersion ? { rulesVersion: input.rulesVersion } : {}),
  };
}
