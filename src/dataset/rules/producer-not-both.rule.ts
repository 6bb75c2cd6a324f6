import { defineRule } from './certificate-rule';

/** CO-PROD-002: the producer is either named or withheld, not both. */
export const producerNotBothRule = defineRule({
  id: 'CO-PROD-002',
  severity: 'error',
  title: 'Producer and producer disclosure are not both given',
  check(doc, _ctx, at) {
    if (!doc.producer || !doc.producerDisclosure) return [];
    return [at('producerDisclosure', 'give producer or producerDisclosure, not both')];
  },
});
