import { DeliveryErrorCode, attemptErrorCode } from './delivery-error-code';
import { answer, recordedError } from './testing/recorded-errors';

describe('a partner that failed on its side or asked to slow down', () => {
  it.each([500, 502, 503, 504])('is PARTNER_ERROR after HTTP %i, its problem code left to the operator', (status) => {
    const recorded = recordedError(answer(status, 'DATABASE_DOWN'));
    expect(recorded).toBe(`HTTP ${status} DATABASE_DOWN`);
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.PARTNER_ERROR);
  });

  it('is PARTNER_BUSY after HTTP 429', () => {
    expect(attemptErrorCode(recordedError(answer(429, undefined, '30')))).toBe(DeliveryErrorCode.PARTNER_BUSY);
  });
});
