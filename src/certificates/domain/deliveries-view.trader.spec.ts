import { deliveriesFor } from './deliveries-view';
import { sharedHubDeliveries } from './testing/deliveries';
import { ViewerRole } from './viewer';

const trader = { role: ViewerRole.TRADER as const, partyId: 'JP-CN-1234567890123' };

describe("a certificate's deliveries as its exporter or consignee sees them", () => {
  it('are the certificate messages to its importing country only: no answers between authorities, no other country', () => {
    const seen = deliveriesFor(trader, { importCountry: 'JP' }, sharedHubDeliveries());
    expect(seen.map((d) => [d.id, d.messageType, d.recipient.country])).toEqual([
      ['d1', 'CO_ISSUED', 'JP'],
      ['d2', 'CO_ISSUED', 'JP'],
      ['d6', 'CO_REPLACED', 'JP'],
    ]);
  });

  it('show where it went and how it stands, with the failure as a code, and nothing of the hubs in between', () => {
    const [delivered, failed] = deliveriesFor(trader, { importCountry: 'JP' }, sharedHubDeliveries());
    expect(Object.keys(delivered).sort()).toEqual(
      ['acknowledgedAt', 'acknowledgement', 'attemptCount', 'certificateId', 'createdAt', 'id', 'lastErrorCode', 'messageType', 'nextAttemptAt', 'recipient', 'relatedCertificateId', 'status', 'updatedAt'].sort(),
    );
    expect(delivered.recipient).toEqual({ country: 'JP', authority: 'JP-CUSTOMS' });
    expect(delivered.acknowledgement).toEqual({ status: 'DELIVERED', receivedAt: '2026-11-27T10:00:00.000Z' });
    expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT', acknowledgement: null, recipient: { country: 'JP', authority: 'JP-NACCS-CUSTOMS' } });
    expect(JSON.stringify([delivered, failed])).not.toMatch(/ECONNREFUSED|JP-NACCS"|env-|PARTNER|LOCAL/);
  });
});
