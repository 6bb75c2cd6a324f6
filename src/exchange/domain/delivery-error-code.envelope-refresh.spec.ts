import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { answer, recordedError } from './testing/recorded-errors';

describe('a receiver that refuses the envelope as signed, which the hub signs again', () => {
  it('is ENVELOPE_OUTSIDE_REPLAY_WINDOW while a day-old envelope goes again with a fresh createdAt', () => {
    const recorded = recordedError(answer(422, 'ENVELOPE_OUTSIDE_REPLAY_WINDOW'), 1, 3, 86_400_000);
    expect(recorded).toBe('HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW; signed again with a fresh createdAt');
    expect(deliveryErrorCode(DeliveryStatus.PENDING, recorded)).toBe(DeliveryErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW);
  });

  it('is ENVELOPE_OUTSIDE_REPLAY_WINDOW when a fresh envelope is refused so and the delivery FAILED', () => {
    const recorded = recordedError(answer(422, 'ENVELOPE_OUTSIDE_REPLAY_WINDOW'));
    expect(recorded).toMatch(/^HTTP 422 ENVELOPE_OUTSIDE_REPLAY_WINDOW: refused as too old/);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, recorded)).toBe(DeliveryErrorCode.ENVELOPE_OUTSIDE_REPLAY_WINDOW);
  });

  it('is ENVELOPE_ID_REUSED, also once signing again cannot help and the delivery FAILED', () => {
    const recorded = recordedError(answer(409, 'ENVELOPE_ID_REUSED'));
    expect(recorded).toBe('HTTP 409 ENVELOPE_ID_REUSED: the receiver holds this envelope id with other content');
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.ENVELOPE_ID_REUSED);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, recorded)).toBe(DeliveryErrorCode.ENVELOPE_ID_REUSED);
  });
});
