import { defineRule } from './certificate-rule';

/** CO-AGR-004: the certificate is preferential exactly when its agreement profile is. */
export const preferentialMatchesProfileRule = defineRule({
  id: 'CO-AGR-004',
  severity: 'error',
  title: 'The preferential flag agrees with the agreement',
  check(doc, ctx, at) {
    if (!ctx.profile || ctx.profile.preferential === doc.preferential) return [];
    const message = doc.preferential
      ? `${ctx.profile.code} is not a preferential agreement`
      : `${ctx.profile.code} is a preferential agreement: set preferential to true or leave agreement out`;
    return [at('preferential', message)];
  },
});
