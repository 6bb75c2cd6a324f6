import { defineRule } from './certificate-rule';

/** CO-PREF-001: a preferential certificate names the agreement (profile code) it claims preference under. */
export const preferentialNeedsAgreementRule = defineRule({
  id: 'CO-PREF-001',
  severity: 'error',
  title: 'A preferential certificate names its agreement',
  check(doc, _ctx, at) {
    if (!doc.preferential || doc.agreement) return [];
    return [at('agreement', 'a preferential certificate must name its agreement')];
  },
});
