import { DocumentFunction } from '../dto/document-function.enum';
import { defineRule } from './certificate-rule';

/** CO-FUNC-002: an ORIGINAL replaces nothing. */
export const originalWithoutReferenceRule = defineRule({
  id: 'CO-FUNC-002',
  severity: 'error',
  title: 'An original replaces nothing',
  check(doc, _ctx, at) {
    if (doc.documentFunction !== DocumentFunction.ORIGINAL || doc.replacesCertificateNumber === undefined) return [];
    return [at('replacesCertificateNumber', 'an ORIGINAL must not name a certificate it replaces')];
  },
});
