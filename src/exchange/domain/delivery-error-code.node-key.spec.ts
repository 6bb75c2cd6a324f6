import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode, nodeKeyWaitError } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';

describe('a delivery waiting for a node key', () => {
  const recorded = nodeKeyWaitError('No node key: none is stored (POST /v1/pki/keys with node: true) nor configured');

  it('is NODE_KEY_UNAVAILABLE while PENDING, whatever the key source said', () => {
    expect(deliveryErrorCode(DeliveryStatus.PENDING, recorded)).toBe(DeliveryErrorCode.NODE_KEY_UNAVAILABLE);
    expect(attemptErrorCode(nodeKeyWaitError('The stored node key 1b4e cannot be used: unsupported state'))).toBe(DeliveryErrorCode.NODE_KEY_UNAVAILABLE);
  });

  it('is not mistaken for another failure that names a key', () => {
    expect(attemptErrorCode('HTTP 422 ENVELOPE_SIGNATURE_INVALID unknown node key')).toBe(DeliveryErrorCode.PARTNER_REFUSED);
  });
});
