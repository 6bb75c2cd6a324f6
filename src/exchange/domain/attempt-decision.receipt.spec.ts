import { RECEIPT_ATTEMPTS, ReceiptFault, receiptError } from '../receipts/domain/receipt-rules';
import { decideAfterAttempt } from './attempt-decision';
import { DeliveryAction } from './delivery-lifecycle';
import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { AttemptOutcome, DeliveryStatus } from './delivery-status';

const NOW = new Date('2026-12-05T10:00:00.000Z');
const envelope = { createdAt: '2026-12-05T09:59:59.000Z', sentAt: new Date('2026-12-05T09:59:59.500Z'), earlierCreatedAt: [] };
const base = { maxAttempts: 10, schedule: { baseDelayMs: 1000, maxDelayMs: 60000 }, now: NOW, random: () => 0, envelope };
const classification = { kind: 'RECEIPT_INVALID' as const, error: receiptError(ReceiptFault.RECEIPT_MISSING, 'the acknowledgement carries no receipt'), httpStatus: 200 };

describe('an acknowledgement without the receipt the partner promised', () => {
  it('is retried with backoff while fewer than a few such answers came', () => {
    const decision = decideAfterAttempt({ ...base, attempts: 1, receiptFailures: 0, classification });
    expect(decision).toMatchObject({ action: DeliveryAction.RETRY, status: DeliveryStatus.PENDING, outcome: AttemptOutcome.RETRY, retryDelayMs: 500 });
    expect(attemptErrorCode(decision.error ?? null)).toBe(DeliveryErrorCode.RECEIPT_INVALID);
  });

  it('ends FAILED with RECEIPT_INVALID at the last of them, whatever budget is left', () => {
    const decision = decideAfterAttempt({ ...base, attempts: 4, receiptFailures: RECEIPT_ATTEMPTS - 1, classification });
    expect(decision).toMatchObject({ action: DeliveryAction.REFUSE, status: DeliveryStatus.FAILED, outcome: AttemptOutcome.REFUSED });
    expect(deliveryErrorCode(decision.status, decision.error ?? null)).toBe(DeliveryErrorCode.RECEIPT_INVALID);
  });

  it('is RECEIPT_INVALID too when the retry budget runs out with it', () => {
    const decision = decideAfterAttempt({ ...base, maxAttempts: 1, attempts: 1, receiptFailures: 0, classification });
    expect(decision).toMatchObject({ action: DeliveryAction.GIVE_UP, status: DeliveryStatus.FAILED });
    expect(deliveryErrorCode(decision.status, decision.error ?? null)).toBe(DeliveryErrorCode.RECEIPT_INVALID);
  });
});
