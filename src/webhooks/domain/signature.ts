import { createHmac } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com, "Signature scheme"): a secret is "whsec_" and the base64 of
// its bytes; the signature is HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" with those
// bytes, sent as "v1,<base64>"; several signatures are separated by spaces (rotation).
export const SECRET_PREFIX = 'whsec_';
export const SECRET_BYTES = 32;

export function secretText(bytes: Buffer): string {
  return `${SECRET_PREFIX}${bytes.toString('base64')}`;
}

export function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** One `v1,<signature>` entry. `timestamp` is in seconds since the epoch, as the header carries it. */
export function signatureEntry(secret: string, messageId: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a delivery, signed with every secret given (the new one first during a rotation). */
export function webhookHeaders(secrets: readonly string[], messageId: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signatureEntry(secret, messageId, timestamp, body)).join(' '),
  };
}
