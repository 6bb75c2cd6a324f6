import { defineRule } from './certificate-rule';

/** CO-PARTY-004: the exporter is identified (traders find their certificates, and customs match them, by it). */
export const exporterHasIdRule = defineRule({
  id: 'CO-PARTY-004',
  severity: 'error',
  title: 'The exporter has an id',
  check(doc, _ctx, at) {
    if (!doc.exporter || doc.exporter.id) return [];
    return [at('exporter.id', 'the exporter needs an id, such as TH-TAX-0105561000001')];
  },
});
