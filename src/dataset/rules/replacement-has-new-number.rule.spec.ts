import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { replacementHasNewNumberRule } from './replacement-has-new-number.rule';
import { DocumentFunction } from '../dto/document-function.enum';

process.env.TZ = 'UTC';

describe('CO-FUNC-003 a replacement has its own number', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(replacementHasNewNumberRule, buildCertificate())).toEqual([]);
  });

  it('reports a replacement reusing the number it replaces', () => {
    const doc = buildCertificate({ documentFunction: DocumentFunction.REPLACEMENT, replacesCertificateNumber: 'TH-RCEP-2026-0098812' });
    expect(checkRule(replacementHasNewNumberRule, doc)).toEqual([['CO-FUNC-003', 'error', 'certificateNumber']]);
  });

  it('accepts a replacement with a new number', () => {
    const doc = buildCertificate({ documentFunction: DocumentFunction.REPLACEMENT, replacesCertificateNumber: 'TH-RCEP-2026-0098700' });
    expect(checkRule(replacementHasNewNumberRule, doc)).toEqual([]);
  });
});
