import { DocumentFunction } from '../dto/document-function.enum';
import { defineRule } from './certificate-rule';

/** CO-FUNC-001: a REPLACEMENT or DUPLICATE names the certificate it replaces or copies. */
export const replacementNeedsReferenceRule = defineRule({
  id: 'CO-FUNC-001',
  severity: 'error',
  title: 'A replacement or duplicate names its original',
  check(doc, _ctx, at) {
    const needsReference = doc.documentFunction === DocumentFunction.REPLACEMENT || doc.documentFunction === DocumentFunction.DUPLICATE;
    if (!needsReference || doc.replacesCertificateNumber) return [];
    return [at('replacesCertificateNumber', `a ${doc.documentFunction} must name the certificate it refers to`)];
  },
});
