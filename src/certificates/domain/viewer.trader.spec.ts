import { CertificateStatus } from './certificate-status';
import { buildViewed, consignee, exporter, stranger } from './testing/viewers';
import { ViewerRole, viewerOf } from './viewer';

describe('a trader looking at a certificate', () => {
  it('looks at an issued one it is exporter or consignee of as TRADER', () => {
    expect(viewerOf(exporter, buildViewed())).toEqual({ role: ViewerRole.TRADER, partyId: exporter.partyId });
    expect(viewerOf(consignee, buildViewed({ status: CertificateStatus.REPLACED }))).toEqual({ role: ViewerRole.TRADER, partyId: consignee.partyId });
  });

  it('sees no draft, and nothing it is not party to', () => {
    expect(viewerOf(exporter, buildViewed({ status: CertificateStatus.DRAFT }))).toBeNull();
    expect(viewerOf(stranger, buildViewed())).toBeNull();
    expect(viewerOf(consignee, buildViewed({ consigneeId: null }))).toBeNull();
  });
});
