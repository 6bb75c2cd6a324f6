import type { FastifyRequest } from 'fastify';
import { bearerOf } from '../../core/auth/bearer';

/** The cookie a browser holds its operator session id in, for the /ops pages only (never the operator token). */
export const OPS_COOKIE = 'ecoo_ops_session';

export type OperatorCredential = { kind: 'BEARER'; token: string } | { kind: 'SESSION'; sessionId: string };

/** The operator credential of a request to /ops: the bearer header (tools), else the session cookie (a browser). */
export function operatorCredential(request: FastifyRequest): OperatorCredential | undefined {
  const token = bearerOf(request.headers.authorization);
  if (token) return { kind: 'BEARER', token };
  const cookies = typeof request.headers.cookie === 'string' ? request.headers.cookie.split(';') : [];
  for (const cookie of cookies) {
    const [name, ...rest] = cookie.trim().split('=');
    if (name === OPS_COOKIE && rest.length > 0) return { kind: 'SESSION', sessionId: rest.join('=') };
  }
  return undefined;
}

// Secure when the hub is reached over https (HUB_PUBLIC_URL), so the browser never sends it in clear.
export function sessionCookie(sessionId: string, maxAgeSeconds: number, secure: boolean): string {
  return `${OPS_COOKIE}=${sessionId}; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${OPS_COOKIE}=; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
