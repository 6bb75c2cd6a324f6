import { validateEnvironment } from './env.validation';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecoo',
  REDIS_URL: 'redis://127.0.0.1:6379',
  HUB_ADMIN_TOKEN: 'Tq7vXw2LrB9mKc4ZpN8sYd3HfJ6gA1eU',
};
const LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';
const PIN = 'pin-4711-never-shown';

describe('the PKCS#11 settings in the environment', () => {
  it('takes a library with a token label or slot and one source of the PIN', () => {
    expect(validateEnvironment({ ...valid, HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_TOKEN_LABEL: 'ecoo-hub', HUB_PKCS11_PIN: PIN })).toMatchObject({ HUB_PKCS11_TOKEN_LABEL: 'ecoo-hub' });
    expect(validateEnvironment({ ...valid, HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_SLOT: '1224909597', HUB_PKCS11_PIN_FILE: '/run/secrets/hsm-pin' })).toMatchObject({ HUB_PKCS11_SLOT: '1224909597' });
  });

  it('names what is missing, and never the PIN', () => {
    const attempt = (env: Record<string, string>): string => {
      try {
        validateEnvironment({ ...valid, ...env });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    const noToken = attempt({ HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_PIN: PIN });
    expect(noToken).toMatch(/HUB_PKCS11_LIBRARY: invalid \(HUB_PKCS11_LIBRARY is set: name the token with HUB_PKCS11_SLOT or HUB_PKCS11_TOKEN_LABEL\)/);
    expect(noToken).not.toContain(PIN);
    const twoPins = attempt({ HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_TOKEN_LABEL: 'ecoo-hub', HUB_PKCS11_PIN: PIN, HUB_PKCS11_PIN_FILE: '/run/secrets/hsm-pin' });
    expect(twoPins).toMatch(/exactly one of HUB_PKCS11_PIN and HUB_PKCS11_PIN_FILE/);
    expect(twoPins).not.toContain(PIN);
    expect(attempt({ HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_TOKEN_LABEL: 'ecoo-hub' })).toMatch(/exactly one of HUB_PKCS11_PIN/);
    expect(attempt({ HUB_PKCS11_LIBRARY: 'libsofthsm2.so', HUB_PKCS11_TOKEN_LABEL: 'ecoo-hub', HUB_PKCS11_PIN: PIN })).toMatch(/absolute path of the PKCS#11 library/);
    expect(attempt({ HUB_PKCS11_LIBRARY: LIBRARY, HUB_PKCS11_SLOT: 'first', HUB_PKCS11_PIN: PIN })).toMatch(/HUB_PKCS11_SLOT must be a slot id/);
  });
});
