import type { CertificateDocument } from '../certificate-document';
import type { Violation } from '../../core/validation/violations';
import { agreementInForceRule } from './agreement-in-force.rule';
import { agreementKnownRule } from './agreement-known.rule';
import { backToBackOriginalElsewhereRule } from './back-to-back-original-elsewhere.rule';
import { backToBackOriginalPartyRule } from './back-to-back-original-party.rule';
import type { CertificateRule, RuleContext } from './certificate-rule';
import { consigneeInImportCountryRule } from './consignee-in-import-country.rule';
import { countriesArePartiesRule } from './countries-are-parties.rule';
import { countriesDifferRule } from './countries-differ.rule';
import { criterionAllowedRule } from './criterion-allowed.rule';
import { departureNotFarFutureRule } from './departure-not-far-future.rule';
import { duplicateKeepsNumberRule } from './duplicate-keeps-number.rule';
import { exportCountryIsIssuerCountryRule } from './export-country-is-issuer-country.rule';
import { exporterHasIdRule } from './exporter-has-id.rule';
import { exporterInExportCountryRule } from './exporter-in-export-country.rule';
import { fobCurrencyConsistentRule } from './fob-currency-consistent.rule';
import { fobCurrencyIsMoneyRule } from './fob-currency-is-money.rule';
import { formTypeMatchesProfileRule } from './form-type-matches-profile.rule';
import { grossWeightIsMassRule } from './gross-weight-is-mass.rule';
import { hsChapterExistsRule } from './hs-chapter-exists.rule';
import { hsCodeExistsRule } from './hs-code-exists.rule';
import { invoiceDateNotAfterIssueRule } from './invoice-date-not-after-issue.rule';
import { invoiceNumbersUniqueRule } from './invoice-numbers-unique.rule';
import { itemHasWeightOrQuantityRule } from './item-has-weight-or-quantity.rule';
import { itemInvoiceKnownRule } from './item-invoice-known.rule';
import { itemNumbersConsecutiveRule } from './item-numbers-consecutive.rule';
import { itemNumbersUniqueRule } from './item-numbers-unique.rule';
import { loadingPortInExportCountryRule } from './loading-port-in-export-country.rule';
import { nonPreferentialWithoutCriterionRule } from './non-preferential-without-criterion.rule';
import { originCountryIsPartyRule } from './origin-country-is-party.rule';
import { originalWithoutReferenceRule } from './original-without-reference.rule';
import { partyIdCountryPrefixRule } from './party-id-country-prefix.rule';
import { preferentialMatchesProfileRule } from './preferential-matches-profile.rule';
import { preferentialNeedsAgreementRule } from './preferential-needs-agreement.rule';
import { preferentialNeedsInvoicesRule } from './preferential-needs-invoices.rule';
import { preferentialNeedsOriginCriterionRule } from './preferential-needs-origin-criterion.rule';
import { producerNotBothRule } from './producer-not-both.rule';
import { producerOrDisclosureRule } from './producer-or-disclosure.rule';
import { replacementHasNewNumberRule } from './replacement-has-new-number.rule';
import { replacementNeedsReferenceRule } from './replacement-needs-reference.rule';
import { retroactiveFlagRequiredRule } from './retroactive-flag-required.rule';
import { retroactiveFlagWithinGraceRule } from './retroactive-flag-within-grace.rule';
import { retroactiveLimitRule } from './retroactive-limit.rule';
import { rvcNeedsFobValueRule } from './rvc-needs-fob-value.rule';
import { thirdPartyInvoicingNeedsInvoiceRule } from './third-party-invoicing-needs-invoice.rule';
import { thirdPartyIsNotExporterRule } from './third-party-is-not-exporter.rule';
import { ucrFormatRule } from './ucr-format.rule';
import { positiveAmountsRule } from './positive-amounts.rule';
import { compareRulesVersions } from '../dataset-version';

export type { CertificateRule, RuleContext } from './certificate-rule';
export { buildRuleContext } from './rule-context';

/** Every business rule of the common dataset v1, header first, then parties, transport, invoices, items. */
export const CERTIFICATE_RULES: readonly CertificateRule[] = [
  preferentialNeedsAgreementRule,
  agreementKnownRule,
  agreementInForceRule,
  preferentialMatchesProfileRule,
  formTypeMatchesProfileRule,
  countriesDifferRule,
  countriesArePartiesRule,
  exportCountryIsIssuerCountryRule,
  replacementNeedsReferenceRule,
  originalWithoutReferenceRule,
  replacementHasNewNumberRule,
  duplicateKeepsNumberRule,
  retroactiveFlagRequiredRule,
  retroactiveFlagWithinGraceRule,
  retroactiveLimitRule,
  ucrFormatRule,
  exporterHasIdRule,
  partyIdCountryPrefixRule,
  exporterInExportCountryRule,
  consigneeInImportCountryRule,
  producerOrDisclosureRule,
  producerNotBothRule,
  departureNotFarFutureRule,
  loadingPortInExportCountryRule,
  preferentialNeedsInvoicesRule,
  invoiceNumbersUniqueRule,
  invoiceDateNotAfterIssueRule,
  thirdPartyInvoicingNeedsInvoiceRule,
  thirdPartyIsNotExporterRule,
  backToBackOriginalElsewhereRule,
  backToBackOriginalPartyRule,
  itemNumbersUniqueRule,
  itemNumbersConsecutiveRule,
  itemInvoiceKnownRule,
  itemHasWeightOrQuantityRule,
  positiveAmountsRule,
  grossWeightIsMassRule,
  hsCodeExistsRule,
  hsChapterExistsRule,
  preferentialNeedsOriginCriterionRule,
  criterionAllowedRule,
  originCountryIsPartyRule,
  nonPreferentialWithoutCriterionRule,
  rvcNeedsFobValueRule,
  fobCurrencyIsMoneyRule,
  fobCurrencyConsistentRule,
];

/**
 * Runs every business rule on a shape-valid document (validate the shape first: rules assume the
 * DTO's types). Pure: the same document and context give the same violations, in rule order.
 */
export function runRules(doc: CertificateDocument, ctx: RuleContext, rules: readonly CertificateRule[] = CERTIFICATE_RULES): Violation[] {
  return rules.flatMap((rule) => {
    const violations = rule.check(doc, ctx);
    // DESIGN.md section 4: a later rule never turns a document judged by an earlier version invalid.
    const later = rule.since !== undefined && ctx.rulesVersion !== undefined && compareRulesVersions(rule.since, ctx.rulesVersion) > 0;
    return later ? violations.map((v) => ({ ...v, severity: 'warning' as const, message: `${v.message} (rule of dataset ${rule.since}, a warning for a document of ${ctx.rulesVersion})` })) : violations;
  });
}
