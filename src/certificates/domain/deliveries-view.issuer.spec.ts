import { deliveriesFor } from './deliveries-view';
import { sharedHubDeliveries } from './testing/deliveries';
import { ViewerRole } from './viewer';

const issuer = { role: ViewerRole.ISSUER as const, code: 'KH-MOC' };

describe("a certificate's deliveries as its issuer sees them", () => {
  it('are every delivery, the failure as a code and never the network error', () => {
    const seen = deliveriesFor(issuer, { importCountry: 'JP' }, sharedHubDeliveries());
    expect(seen.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    const failed = seen.find((d) => d.id === 'd2');
    expect(failed).toMatchObject({ status: 'FAILED', lastErrorCode: 'RETRY_BUDGET_SPENT', envelopeId: 'env-d2', recipient: { partner: 'JP-NACCS' } });
    expect(failed?.attempts).toEqual([expect.objectContaining({ outcome: 'RETRY', errorCode: 'PARTNER_UNREACHABLE' })]);
    expect(JSON.stringify(seen)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|network error/);
    expect(seen.every((d) => !('lastError' in d) && (d.attempts ?? []).every((a) => !('error' in a)))).toBe(true);
  });
});
