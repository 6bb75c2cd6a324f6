import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { answer, recordedError } from './testing/recorded-errors';

describe('a delivery whose retry budget is spent', () => {
  it('is RETRY_BUDGET_SPENT, while its last attempt keeps its own cause', () => {
    const recorded = recordedError(answer(503), 3, 3);
    expect(recorded).toBe('HTTP 503; the retry budget of 3 attempts is spent');
    expect(deliveryErrorCode(DeliveryStatus.FAILED, recorded)).toBe(DeliveryErrorCode.RETRY_BUDGET_SPENT);
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.PARTNER_ERROR);
  });

  it('is RETRY_BUDGET_SPENT when the last attempt never finished (the delivery store words it so)', () => {
    expect(deliveryErrorCode(DeliveryStatus.FAILED, 'no answer recorded; the retry budget of 10 attempts is spent')).toBe(DeliveryErrorCode.RETRY_BUDGET_SPENT);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, 'network error ECONNREFUSED; the retry budget of 1 attempt is spent')).toBe(DeliveryErrorCode.RETRY_BUDGET_SPENT);
  });
});
