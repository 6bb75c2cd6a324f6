import { defineRule } from './certificate-rule';

/** CO-AGR-005 (warning): the form type given is the one the agreement prescribes. */
export const formTypeMatchesProfileRule = defineRule({
  id: 'CO-AGR-005',
  severity: 'warning',
  title: 'The form type is the agreement’s',
  check(doc, ctx, at) {
    const expected = ctx.profile?.formType;
    if (!expected || !doc.formType || doc.formType === expected) return [];
    return [at('formType', `${ctx.profile?.code} certificates use form ${expected}, not ${doc.formType}`)];
  },
});
