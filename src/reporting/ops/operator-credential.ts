import type { FastifyRequest } from 'fastify';

/** The cookie a browser holds the operator token in, for the /ops pages only. */
export const OPS_COOKIE = 'ecoo_operator';
// A working day; the operator signs in again after that.
export const OPS_COOKIE_MAX_AGE_S = 8 * 60 * 60;

/** The operator credential of a request to /ops: the bearer header (tools), else the session cookie (a browser). */
export function operatorCredential(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
  if (bearer) return bearer[1];
  const cookies = typeof request.headers.cookie === 'string' ? request.headers.cookie.split(';') : [];
  for (const cookie of cookies) {
    const [name, ...rest] = cookie.trim().split('=');
    if (name !== OPS_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('=')) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${OPS_COOKIE}=${encodeURIComponent(token)}; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=${OPS_COOKIE_MAX_AGE_S}${secure ? '; Secure' : ''}`;
}

export function clearedCookie(): string {
  return `${OPS_COOKIE}=; Path=/ops; HttpOnly; SameSite=Strict; Max-Age=0`;
}
