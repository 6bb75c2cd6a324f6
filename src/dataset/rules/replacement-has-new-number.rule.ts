import { DocumentFunction } from '../dto/document-function.enum';
import { defineRule } from './certificate-rule';

/**
 * CO-FUNC-003: a REPLACEMENT is a new certificate with its own number (the issuing body issues a new
 * certificate and invalidates the original, e.g. RCEP Art 3.17.5(a)).
 */
export const replacementHasNewNumberRule = defineRule({
  id: 'CO-FUNC-003',
  severity: 'error',
  title: 'A replacement has a number of its own',
  check(doc, _ctx, at) {
    if (doc.documentFunction !== DocumentFunction.REPLACEMENT || doc.replacesCertificateNumber !== doc.certificateNumber) return [];
    return [at('certificateNumber', 'a REPLACEMENT needs a certificate number other than the one it replaces')];
  },
});
