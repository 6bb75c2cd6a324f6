import { DeliveryErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';

describe('a delivery nobody serves', () => {
  it('is NO_ROUTE, without naming the partner that was deactivated or lost the route', () => {
    expect(deliveryErrorCode(DeliveryStatus.UNROUTABLE, 'partner JP-NACCS was deactivated')).toBe(DeliveryErrorCode.NO_ROUTE);
    expect(deliveryErrorCode(DeliveryStatus.UNROUTABLE, 'partner JP-NACCS no longer serves JP')).toBe(DeliveryErrorCode.NO_ROUTE);
    expect(deliveryErrorCode(DeliveryStatus.UNROUTABLE, 'partner JP-NACCS no longer serves the destination country')).toBe(DeliveryErrorCode.NO_ROUTE);
  });

  it('is NO_ROUTE for a destination nobody ever served (nothing recorded)', () => {
    expect(deliveryErrorCode(DeliveryStatus.UNROUTABLE, null)).toBe(DeliveryErrorCode.NO_ROUTE);
  });
});
