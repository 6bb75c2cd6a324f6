import { CertificateStatus } from './certificate-status';
import { buildViewed, operator } from './testing/viewers';
import { ViewerRole, viewerOf } from './viewer';

describe('the operator looking at a certificate', () => {
  it('looks at every one as OPERATOR, drafts included', () => {
    expect(viewerOf(operator, buildViewed({ status: CertificateStatus.DRAFT, importCountry: 'TH' }))).toEqual({ role: ViewerRole.OPERATOR });
  });
});
