import { defineRule } from './certificate-rule';

/** CO-PROD-001: a preferential certificate names the producer, or says it is available on request. */
export const producerOrDisclosureRule = defineRule({
  id: 'CO-PROD-001',
  severity: 'error',
  title: 'The producer is named or disclosed on request',
  check(doc, _ctx, at) {
    if (!doc.preferential || doc.producer || doc.producerDisclosure) return [];
    return [at('producer', 'a preferential certificate names the producer, or sets producerDisclosure to AVAILABLE_ON_REQUEST')];
  },
});
