import { decideAfterAttempt } from './attempt-decision';
import { DeliveryAction } from './delivery-lifecycle';
import { AcknowledgementStatus, AttemptOutcome, DeliveryStatus } from './delivery-status';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const envelope = { createdAt: '2026-11-27T09:59:59.000Z', sentAt: new Date('2026-11-27T09:59:59.500Z'), earlierCreatedAt: [] };
const base = { maxAttempts: 3, schedule: { baseDelayMs: 1000, maxDelayMs: 60000 }, now: NOW, random: () => 0, envelope };

describe('deciding after an attempt', () => {
  it('settles an acknowledged delivery in the state the receiver named', () => {
    const acknowledgement = { status: AcknowledgementStatus.DELIVERED_WITH_WARNINGS, envelopeId: 'e', warnings: [{ message: 'HS code unknown here' }] };
    expect(decideAfterAttempt({ ...base, attempts: 1, classification: { kind: 'ACKNOWLEDGED', acknowledgement, httpStatus: 200 } })).toEqual({
      action: DeliveryAction.ACKNOWLEDGE,
      status: DeliveryStatus.DELIVERED_WITH_WARNINGS,
      outcome: AttemptOutcome.ACKNOWLEDGED,
      acknowledgement,
    });
  });

  it('fails a refused delivery at once', () => {
    expect(decideAfterAttempt({ ...base, attempts: 1, classification: { kind: 'REFUSED', error: 'HTTP 400' } })).toEqual({
      action: DeliveryAction.REFUSE,
      status: DeliveryStatus.FAILED,
      outcome: AttemptOutcome.REFUSED,
      error: 'HTTP 400',
    });
  });

  it('schedules a retry within the budget, honouring Retry-After', () => {
    const decision = decideAfterAttempt({ ...base, attempts: 2, classification: { kind: 'RETRY', error: 'HTTP 429', retryAfterMs: 9000 } });
    expect(decision).toEqual({
      action: DeliveryAction.RETRY,
      status: DeliveryStatus.PENDING,
      outcome: AttemptOutcome.RETRY,
      error: 'HTTP 429',
      retryDelayMs: 9000,
      retryAt: new Date('2026-11-27T10:00:09.000Z'),
    });
  });

  it('fails the delivery when the last attempt of the budget fails', () => {
    expect(decideAfterAttempt({ ...base, attempts: 3, classification: { kind: 'RETRY', error: 'HTTP 503' } })).toEqual({
      action: DeliveryAction.GIVE_UP,
      status: DeliveryStatus.FAILED,
      outcome: AttemptOutcome.RETRY,
      error: 'HTTP 503; the retry budget of 3 attempts is spent',
    });
  });
});
