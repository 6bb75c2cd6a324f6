import { registerAs } from '@nestjs/config';
import { validateEnvironment } from '../core/config/env.validation';

export interface VerificationConfig {
  /** Unauthenticated verifications allowed per client address and window. */
  publicRateLimit: number;
  publicRateWindowSeconds: number;
  /** Largest file of a multipart upload, in bytes. */
  uploadLimit: number;
}

export const DEFAULT_UPLOAD_LIMIT = 512 * 1024;

// The variables are validated with the rest of the environment (core/config/env.validation.ts).
export const verificationConfig = registerAs('verification', (): VerificationConfig => {
  const env = validateEnvironment(process.env);
  return {
    publicRateLimit: env.HUB_PUBLIC_RATE_LIMIT ?? 60,
    publicRateWindowSeconds: env.HUB_PUBLIC_RATE_WINDOW_SECONDS ?? 60,
    uploadLimit: env.HUB_VERIFY_UPLOAD_LIMIT ?? DEFAULT_UPLOAD_LIMIT,
  };
});
