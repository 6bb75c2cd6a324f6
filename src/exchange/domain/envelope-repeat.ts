import { canonicalize } from 'json-canonicalize';

function withoutSigning(envelope: unknown): string {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return canonicalize(envelope ?? null);
  const { createdAt: _createdAt, signature: _signature, ...rest } = envelope as Record<string, unknown>;
  return canonicalize(rest);
}

/**
 * A repeat of an envelope a receiver holds (DESIGN.md section 6): a sender signs an old envelope
 * again before it sends it once more (an operator's redelivery, a pull that serves it after it grew
 * stale), with the same id and a fresh createdAt. Differing from the one held only in createdAt and
 * signature, it is the same message and gets the first acknowledgement; any other difference is
 * the id reused for something else (a conflict).
 */
export function isSameMessage(held: unknown, received: unknown): boolean {
  return withoutSigning(held) === withoutSigning(received);
}
