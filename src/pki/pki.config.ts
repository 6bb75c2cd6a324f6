import { registerAs } from '@nestjs/config';
import { validateEnvironment } from '../core/config/env.validation';
import { Pkcs11Settings } from './keys/pkcs11/pkcs11-token';

export interface PkiConfig {
  /** The PKCS#11 token that holds signing keys (HUB_PKCS11_*), when one is configured. */
  pkcs11?: Pkcs11Settings;
}

// Validated with the rest of the environment (core/config/env.validation.ts); the PIN stays in this
// object and the token's login, and is never logged.
export const pkiConfig = registerAs('pki', (): PkiConfig => {
  const env = validateEnvironment(process.env);
  if (!env.HUB_PKCS11_LIBRARY) return {};
  return {
    pkcs11: {
      library: env.HUB_PKCS11_LIBRARY,
      slot: env.HUB_PKCS11_SLOT,
      tokenLabel: env.HUB_PKCS11_TOKEN_LABEL,
      pin: env.HUB_PKCS11_PIN,
      pinFile: env.HUB_PKCS11_PIN_FILE,
    },
  };
});
