import { DeliveryErrorCode, attemptErrorCode, deliveryErrorCode } from './delivery-error-code';
import { DeliveryStatus } from './delivery-status';
import { answer, recordedError } from './testing/recorded-errors';

describe('a partner that refused the envelope for good', () => {
  it.each([
    [400, 'NOT_AN_ENVELOPE'],
    [401, 'UNAUTHENTICATED'],
    [413, undefined],
    [422, 'ENVELOPE_SIGNATURE_INVALID'],
  ])('is PARTNER_REFUSED after HTTP %i %s, and so is the FAILED delivery', (status, code) => {
    const recorded = recordedError(answer(status, code));
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.PARTNER_REFUSED);
    expect(deliveryErrorCode(DeliveryStatus.FAILED, recorded)).toBe(DeliveryErrorCode.PARTNER_REFUSED);
  });

  it('is PARTNER_REFUSED after a redirect, which the hub does not follow', () => {
    const recorded = recordedError(answer(302));
    expect(recorded).toBe('HTTP 302: redirects are not followed');
    expect(deliveryErrorCode(DeliveryStatus.FAILED, recorded)).toBe(DeliveryErrorCode.PARTNER_REFUSED);
  });
});
