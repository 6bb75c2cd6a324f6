import { AuthorityRole } from '../../core/auth/authority-role';
import { CertificateStatus } from './certificate-status';
import { buildViewed, customs, issuer, otherIssuer } from './testing/viewers';
import { ViewerRole, viewerOf } from './viewer';

describe('the issuer looking at a certificate', () => {
  it('looks at its own as ISSUER, drafts included', () => {
    expect(viewerOf(issuer, buildViewed())).toEqual({ role: ViewerRole.ISSUER, code: 'KH-MOC' });
    expect(viewerOf(issuer, buildViewed({ status: CertificateStatus.DRAFT }))).toEqual({ role: ViewerRole.ISSUER, code: 'KH-MOC' });
  });

  it("does not see another issuer's", () => {
    expect(viewerOf(otherIssuer, buildViewed())).toBeNull();
  });

  it('looks as ISSUER when it is also customs of the importing country', () => {
    const both = { ...customs, authorityId: issuer.authorityId, code: 'JP-MOF', roles: [AuthorityRole.ISSUER, AuthorityRole.CUSTOMS] };
    expect(viewerOf(both, buildViewed())).toEqual({ role: ViewerRole.ISSUER, code: 'JP-MOF' });
  });
});
