import { randomBytes } from 'node:crypto';

// A certificate's verification token (the key of its public page, GET /verify/{token}): 128 random
// bits in base64url, 22 characters. Unguessable, so the page cannot be found by walking numbers.
export const VERIFICATION_TOKEN_BYTES = 16;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** A new token: issuance makes one for originals, replacements and duplicates, receipt for a certificate received from a partner hub. */
export function newVerificationToken(): string {
  return randomBytes(VERIFICATION_TOKEN_BYTES).toString('base64url');
}

/** Whether a path segment can be a token at all (anything else is answered 404 without a lookup). */
export function isVerificationTokenShape(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
