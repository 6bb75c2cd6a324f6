import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';

describe('a delivery error the hub has no code for', () => {
  it('is DELIVERY_ERROR, never the text itself', () => {
    expect(attemptErrorCode('getaddrinfo EAI_AGAIN partner.internal.example')).toBe(DeliveryErrorCode.DELIVERY_ERROR);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, 'TypeError: Cannot read properties of undefined')).toBe(DeliveryErrorCode.DELIVERY_ERROR);
  });

  it('is no code at all when nothing went wrong', () => {
    expect(attemptErrorCode(null)).toBeNull();
    expect(deliveryErrorCode(DeliveryStatus.DELIVERED, null)).toBeNull();
    expect(deliveryErrorCode(DeliveryStatus.PENDING, null)).toBeNull();
  });
});
