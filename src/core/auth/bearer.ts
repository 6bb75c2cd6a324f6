import { createHash, timingSafeEqual } from 'node:crypto';

/** The credential of an `Authorization: Bearer <credential>` header, or undefined. */
export function bearerOf(header: unknown): string | undefined {
  const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
  return match ? match[1] : undefined;
}

/** Compares two secrets in time that does not depend on where they differ (or on their lengths). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
