import { defineRule } from './certificate-rule';

/** CO-AGR-001: the agreement named is one the hub has a profile for. */
export const agreementKnownRule = defineRule({
  id: 'CO-AGR-001',
  severity: 'error',
  title: 'The agreement is known to the hub',
  check(doc, ctx, at) {
    if (!doc.agreement || ctx.agreementKnown) return [];
    return [at('agreement', `agreement ${doc.agreement} is not known`)];
  },
});
