import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { recordedError } from './testing/recorded-errors';

describe('a partner that cannot be reached', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'FETCH_FAILED'])('is PARTNER_UNREACHABLE after %s, whatever the address', (code) => {
    const recorded = recordedError({ kind: 'NETWORK_ERROR', code });
    expect(recorded).toContain(code);
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.PARTNER_UNREACHABLE);
    expect(deliveryErrorCode(DeliveryStatus.PENDING, recorded)).toBe(DeliveryErrorCode.PARTNER_UNREACHABLE);
  });

  it('is PARTNER_UNREACHABLE when the transport words the address too', () => {
    expect(attemptErrorCode('network error ECONNREFUSED 10.0.0.5:443')).toBe(DeliveryErrorCode.PARTNER_UNREACHABLE);
  });
});
