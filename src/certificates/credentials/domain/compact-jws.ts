/**
 * A compact JWS (RFC 7515 section 7.1) put together around a signature made elsewhere: the hub signs
 * the signing input through its key store's one sign(bytes, algorithm), so a key held in a hardware
 * module signs credentials too, and no JOSE library holds the private key.
 */
export interface JwsHeader {
  alg: 'RS256';
  typ: string;
  /** The signer certificate, then the CA certificates above it: standard base64 DER (RFC 7515 section 4.1.6). */
  x5c: string[];
}

/** The bytes the signature covers: BASE64URL(header) '.' BASE64URL(payload). */
export function jwsSigningInput(header: JwsHeader, payload: unknown): Buffer {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return Buffer.from(`${encode(header)}.${encode(payload)}`, 'ascii');
}

export function compactJws(signingInput: Buffer, signature: Buffer): string {
  return `${signingInput.toString('ascii')}.${signature.toString('base64url')}`;
}

/** The header and payload of a compact JWS, decoded but NOT verified; undefined when it is not one. */
export function peekCompactJws(jws: string): { header: Record<string, unknown>; payload: unknown; signature: Buffer } | undefined {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!header || typeof header !== 'object' || Array.isArray(header)) return undefined;
    return { header: header as Record<string, unknown>, payload, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}
