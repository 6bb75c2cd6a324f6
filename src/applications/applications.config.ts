import { registerAs } from '@nestjs/config';
import { validateEnvironment } from '../core/config/env.validation';

export interface ApplicationsConfig {
  /** Largest supporting document, in bytes: the body limit of POST /v1/applications/{id}/documents. */
  documentMaxBytes: number;
  /** Supporting documents one application may hold. */
  documentsMax: number;
}

export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_DOCUMENTS_MAX = 20;

// The variables are validated with the rest of the environment (core/config/env.validation.ts).
export const applicationsConfig = registerAs('applications', (): ApplicationsConfig => {
  const env = validateEnvironment(process.env);
  return {
    documentMaxBytes: env.HUB_APPLICATION_DOCUMENT_MAX_BYTES ?? DEFAULT_DOCUMENT_MAX_BYTES,
    documentsMax: env.HUB_APPLICATION_DOCUMENTS_MAX ?? DEFAULT_DOCUMENTS_MAX,
  };
});
