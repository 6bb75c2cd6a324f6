import { CertificateStatus } from './certificate-status';
import { buildViewed, customs, osakaCustoms, thaiCustoms } from './testing/viewers';
import { ViewerRole, viewerOf } from './viewer';

describe('customs looking at a certificate', () => {
  it('look at an issued one for their country as IMPORTING_CUSTOMS, each under its own code', () => {
    expect(viewerOf(customs, buildViewed())).toEqual({ role: ViewerRole.IMPORTING_CUSTOMS, code: 'JP-CUSTOMS', country: 'JP' });
    expect(viewerOf(osakaCustoms, buildViewed({ status: CertificateStatus.CANCELLED }))).toEqual({ role: ViewerRole.IMPORTING_CUSTOMS, code: 'JP-CUSTOMS-OSAKA', country: 'JP' });
  });

  it("see neither a draft nor another country's", () => {
    expect(viewerOf(customs, buildViewed({ status: CertificateStatus.DRAFT }))).toBeNull();
    expect(viewerOf(thaiCustoms, buildViewed())).toBeNull();
  });
});
