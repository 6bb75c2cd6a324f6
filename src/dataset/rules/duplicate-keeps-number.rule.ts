import { DocumentFunction } from '../dto/document-function.enum';
import { defineRule } from './certificate-rule';

/** CO-FUNC-004: a DUPLICATE (certified true copy) bears the original's number (DESIGN.md section 4, identity). */
export const duplicateKeepsNumberRule = defineRule({
  id: 'CO-FUNC-004',
  severity: 'error',
  title: 'A duplicate bears the original’s number',
  check(doc, _ctx, at) {
    const reference = doc.replacesCertificateNumber;
    if (doc.documentFunction !== DocumentFunction.DUPLICATE || !reference || reference === doc.certificateNumber) return [];
    return [at('certificateNumber', `a DUPLICATE bears the number of the original, ${reference}`)];
  },
});
