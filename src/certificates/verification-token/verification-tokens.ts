import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { VERIFICATION_TOKEN_BYTES } from './verification-token';

/**
 * Makes the verification token of a certificate: issuance calls it for originals, replacements and
 * duplicates, and so does whatever stores a certificate received from a partner hub.
 */
@Injectable()
export class VerificationTokens {
  next(): string {
    return randomBytes(VERIFICATION_TOKEN_BYTES).toString('base64url');
  }
}
