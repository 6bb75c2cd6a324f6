import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { attemptsBudgetSpentError, leaseExpiredError, timeBudgetSpentError } from './pull-lease';

describe('a delivery to a partner that pulls', () => {
  it('whose lease ran out unanswered is PARTNER_TIMEOUT, like a push with no answer in time', () => {
    expect(attemptErrorCode(leaseExpiredError(60000))).toBe(DeliveryErrorCode.PARTNER_TIMEOUT);
  });

  it('whose budget in time or in attempts is spent is RETRY_BUDGET_SPENT', () => {
    expect(deliveryErrorCode(DeliveryStatus.FAILED, timeBudgetSpentError(172800))).toBe(DeliveryErrorCode.RETRY_BUDGET_SPENT);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, attemptsBudgetSpentError(leaseExpiredError(60000), 10))).toBe(DeliveryErrorCode.RETRY_BUDGET_SPENT);
  });
});
