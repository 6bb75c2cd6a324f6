import { DeliveryErrorCode, attemptErrorCode } from './delivery-error-code';
import { recordedError } from './testing/recorded-errors';

describe('a partner that answers something other than an acknowledgement', () => {
  it('is PARTNER_BAD_ANSWER for a 200 that acknowledges nothing', () => {
    const recorded = recordedError({ kind: 'RESPONSE', status: 200, body: '<html>ok</html>' });
    expect(recorded).toMatch(/^HTTP 200 without an acknowledgement/);
    expect(attemptErrorCode(recorded)).toBe(DeliveryErrorCode.PARTNER_BAD_ANSWER);
  });

  it.each([201, 204, 101])('is PARTNER_BAD_ANSWER for HTTP %i', (status) => {
    expect(attemptErrorCode(recordedError({ kind: 'RESPONSE', status, body: undefined }))).toBe(DeliveryErrorCode.PARTNER_BAD_ANSWER);
  });
});
