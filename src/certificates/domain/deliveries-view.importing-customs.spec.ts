import { deliveriesFor } from './deliveries-view';
import { sharedHubDeliveries } from './testing/deliveries';
import { ViewerRole } from './viewer';

const customs = { role: ViewerRole.IMPORTING_CUSTOMS as const, code: 'JP-CUSTOMS', country: 'JP' };

describe("a certificate's deliveries as the importing customs see them", () => {
  it('are the certificate messages to their country and the answers with the issuer, not the news sent to another country', () => {
    const seen = deliveriesFor(customs, { importCountry: 'JP' }, sharedHubDeliveries());
    expect(seen.map((d) => [d.id, d.messageType, d.recipient.country])).toEqual([
      ['d1', 'CO_ISSUED', 'JP'],
      ['d2', 'CO_ISSUED', 'JP'],
      ['d3', 'CUSTOMS_RESPONSE', 'KH'],
      ['d4', 'VERIFICATION_REQUEST', 'KH'],
      ['d5', 'VERIFICATION_RESPONSE', 'JP'],
      ['d6', 'CO_REPLACED', 'JP'],
    ]);
  });

  it('carry the acknowledgement whole and the failure as a code, without the transport its own words', () => {
    const seen = deliveriesFor(customs, { importCountry: 'JP' }, sharedHubDeliveries());
    expect(seen.find((d) => d.id === 'd5')?.acknowledgement).toEqual({ status: 'DELIVERED_WITH_WARNINGS', envelopeId: 'env-d5', receivedAt: expect.any(String), message: 'kept', warnings: [{ message: 'attachment 2 unread' }] });
    expect(seen.find((d) => d.id === 'd2')).toMatchObject({ lastErrorCode: 'RETRY_BUDGET_SPENT', attempts: [{ errorCode: 'PARTNER_UNREACHABLE' }] });
    expect(JSON.stringify(seen)).not.toContain('ECONNREFUSED');
  });
});
