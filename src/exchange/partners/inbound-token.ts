import { randomBytes } from 'node:crypto';
import { hashSecret, secretMatches } from '../../authorities/domain/api-key-secret';

// The bearer token a partner calls this hub with. Shaped like an API key but with its own marker, so
// the two can never be mistaken for each other; stored as its prefix and the SHA-256 of its secret.
const TOKEN_PATTERN = /^ecoop_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedInboundToken {
  token: string;
  prefix: string;
  secretHash: string;
}

export function generateInboundToken(): GeneratedInboundToken {
  const prefix = randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { token: `ecoop_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseInboundToken(token: string): { prefix: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

export function inboundTokenMatches(secret: string, secretHash: string): boolean {
  return secretMatches(secret, secretHash);
}
