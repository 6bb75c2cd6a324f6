import { PkiCryptoError, PkiCryptoErrorCode } from './crypto/pki-crypto.error';
import { asInputProblem, PkiError, PkiErrorCode } from './pki.error';

describe('PkiError', () => {
  it('maps every code to a 4xx or 503, never a 500', () => {
    for (const code of Object.values(PkiErrorCode)) {
      const status = new PkiError(code, 'x').httpStatus();
      expect([403, 404, 409, 422, 503]).toContain(status);
    }
  });

  it('refuses development keys in production as a 403 that says so', () => {
    expect(new PkiError(PkiErrorCode.DEV_KEYS_REFUSED_IN_PRODUCTION, 'x').httpStatus()).toBe(403);
  });

  it('turns the crypto core refusals of operator input into problem codes', () => {
    const fail = (code: PkiCryptoErrorCode) => () => {
      throw new PkiCryptoError(code, 'bad input');
    };
    expect(() => asInputProblem(fail(PkiCryptoErrorCode.BAD_PASSWORD))).toThrow(expect.objectContaining({ code: PkiErrorCode.PKCS12_BAD_PASSWORD }));
    expect(() => asInputProblem(fail(PkiCryptoErrorCode.MALFORMED_CERTIFICATE))).toThrow(expect.objectContaining({ code: PkiErrorCode.MALFORMED_CERTIFICATE }));
    expect(() => asInputProblem(fail(PkiCryptoErrorCode.BAD_PASSWORD), { [PkiCryptoErrorCode.BAD_PASSWORD]: PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE })).toThrow(
      expect.objectContaining({ code: PkiErrorCode.PRIVATE_KEY_BAD_PASSPHRASE }),
    );
  });

  it('lets anything that is not an input problem through unchanged', () => {
    expect(() => asInputProblem(fail())).toThrow(TypeError);
    expect(() => asInputProblem(() => { throw new PkiCryptoError(PkiCryptoErrorCode.KEY_DECRYPTION_FAILED, 'x'); })).toThrow(PkiCryptoError);
    function fail() {
      return () => {
        throw new TypeError('bug');
      };
    }
  });
});
