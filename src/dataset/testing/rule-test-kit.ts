import { builtInProfileCatalog } from '../agreements/built-in-profiles';
import type { CertificateDocument } from '../certificate-document';
import { HsNomenclature } from '../hs/hs-nomenclature';
import type { CertificateRule, RuleContext } from '../rules/certificate-rule';
import { buildRuleContext } from '../rules/rule-context';
import type { Violation } from '../../core/validation/violations';
import { TEST_NOW } from './build-certificate';

/** A small HS nomenclature for rule specs (the full list is tested in hs/). */
export const TEST_HS = HsNomenclature.fromSubheadings('HS2022-TEST', ['081060', '080300', '090111', '610910', '847130', '870323']);

export const TEST_CATALOG = builtInProfileCatalog();

/** The context the hub would build for `doc` issued by a Thai authority at TEST_NOW; fields can be overridden. */
export function ruleContextFor(doc: CertificateDocument, overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    ...buildRuleContext({ doc, now: TEST_NOW, catalog: TEST_CATALOG, hs: TEST_HS, issuerCountry: 'TH' }),
    ...overrides,
  };
}

/** The rule's violations as [ruleId, severity, path], for exact assertions. */
export function checkRule(rule: CertificateRule, doc: CertificateDocument, overrides: Partial<RuleContext> = {}): [string, string, string][] {
  return rule.check(doc, ruleContextFor(doc, overrides)).map((v: Violation) => [v.ruleId, v.severity, v.path]);
}
