import { defineRule } from './certificate-rule';

/** CO-AGR-002: the agreement named has a profile version in force at the time of issue. */
export const agreementInForceRule = defineRule({
  id: 'CO-AGR-002',
  severity: 'error',
  title: 'The agreement is in force at issue',
  check(doc, ctx, at) {
    if (!doc.agreement || !ctx.agreementKnown || ctx.profile) return [];
    return [at('agreement', `agreement ${doc.agreement} is not in force on ${ctx.now.toISOString().slice(0, 10)}`)];
  },
});
