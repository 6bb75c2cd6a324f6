import { buildCertificate } from '../testing/build-certificate';
import { checkRule } from '../testing/rule-test-kit';
import { duplicateKeepsNumberRule } from './duplicate-keeps-number.rule';
import { DocumentFunction } from '../dto/document-function.enum';

process.env.TZ = 'UTC';

describe('CO-FUNC-004 a duplicate bears the original’s number', () => {
  it('passes the valid certificate', () => {
    expect(checkRule(duplicateKeepsNumberRule, buildCertificate())).toEqual([]);
  });

  it('reports a duplicate with a number of its own', () => {
    const doc = buildCertificate({ documentFunction: DocumentFunction.DUPLICATE, replacesCertificateNumber: 'TH-RCEP-2026-0098700' });
    expect(checkRule(duplicateKeepsNumberRule, doc)).toEqual([['CO-FUNC-004', 'error', 'certificateNumber']]);
  });

  it('accepts a duplicate bearing the original number', () => {
    const doc = buildCertificate({ documentFunction: DocumentFunction.DUPLICATE, replacesCertificateNumber: 'TH-RCEP-2026-0098812' });
    expect(checkRule(duplicateKeepsNumberRule, doc)).toEqual([]);
  });
});
