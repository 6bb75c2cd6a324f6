import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { replacementNeedsReferenceRule } from './replacement-needs-reference.rule';
import { DocumentFunction } from '../dto/document-function.enum';

process.env.TZ = 'UTC';

describe('CO-FUNC-001 replacements and duplicates name their original', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(replacementNeedsReferenceRule, buildCertificate())).toEqual([]);
  });

  it.each([DocumentFunction.REPLACEMENT, DocumentFunction.DUPLICATE])('reports a %s without replacesCertificateNumber', (documentFunction) => {
    expect(checkRule(replacementNeedsReferenceRule, buildCertificate({ documentFunction }))).toEqual([
      ['CO-FUNC-001', 'error', 'replacesCertificateNumber'],
    ]);
  });

  it('accepts a replacement naming its original', () => {
    const doc = buildCertificate({ documentFunction: DocumentFunction.REPLACEMENT, replacesCertificateNumber: 'TH-RCEP-2026-0098700' });
    expect(checkRule(replacementNeedsReferenceRule, doc)).toEqual([]);
  });
});
