import { registerAs } from '@nestjs/config';
import { attachmentLimitsOf, validateEnvironment } from '../core/config/env.validation';
import type { AttachmentLimits } from './domain/attachment-rules';

// A message carries a handful of documents, not an archive.
const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export interface AuthorityExchangeConfig {
  attachments: AttachmentLimits;
}

/** HUB_ATTACHMENT_MAX_BYTES and HUB_ATTACHMENTS_MAX_BYTES, validated with the rest of the environment. */
export const authorityExchangeConfig = registerAs('authorityExchange', (): AuthorityExchangeConfig => {
  const limits = attachmentLimitsOf(validateEnvironment(process.env));
  return { attachments: { ...limits, maxCount: MAX_ATTACHMENTS_PER_MESSAGE } };
});
