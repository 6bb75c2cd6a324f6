import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { answer, recordedError } from './testing/recorded-errors';

describe('a partner that does not answer in time', () => {
  it('is PARTNER_TIMEOUT when the timeout ran out', () => {
    const recorded = recordedError({ kind: 'TIMEOUT', afterMs: 2000 });
    expect(recorded).toBe('no answer within 2000 ms');
    expect(deliveryErrorCode(DeliveryStatus.PENDING, recorded)).toBe(DeliveryErrorCode.PARTNER_TIMEOUT);
  });

  it('is PARTNER_TIMEOUT when the partner answered 408', () => {
    expect(attemptErrorCode(recordedError(answer(408)))).toBe(DeliveryErrorCode.PARTNER_TIMEOUT);
  });
});
