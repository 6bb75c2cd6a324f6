import { Principal, principalLabel } from '../auth/principal';

export interface AccessLogEntry {
  level: 'info' | 'error';
  fields: { reqId?: string; method: string; route: string; status: number; durationMs: number; caller: string };
}

/** What the access log reads of a request once it was answered (a Fastify request and reply). */
export interface AnsweredRequest {
  method: string;
  /** The route pattern (`/v1/certificates/:id`), never the URL: paths carry ids and public-page tokens. */
  route: string | undefined;
  status: number;
  elapsedMs: number;
  requestId: unknown;
  principal: Principal | undefined;
  authorization: unknown;
}

// The public part of the hub's own credentials (API keys `ecoo_<prefix>_<secret>`, partner tokens
// `ecoop_<prefix>_<secret>`): enough to tell which key a refused call used, never the secret.
const KEY_PREFIX = /^Bearer (ecoop?_[a-z0-9]{12})_[A-Za-z0-9_-]{43}$/;

/**
 * One line per answered request, refusals (401, 403, 429) included, without bodies, query strings
 * or credentials. Successful health probes are left out: load balancers send them every few seconds.
 */
export function accessLogEntry(request: AnsweredRequest): AccessLogEntry | undefined {
  const route = request.route ?? 'unmatched';
  if (route === '/health' && request.status < 300) return undefined;
  const caller = request.principal ? principalLabel(request.principal) : unresolvedCaller(request.authorization);
  return {
    level: request.status >= 500 ? 'error' : 'info',
    // One shape for every line (no spread of an optional key: under GET, defining its keys one by one
    // was 2.7% of the API process's CPU); pino leaves an undefined reqId out of the line.
    fields: {
      reqId: typeof request.requestId === 'string' && request.requestId.length > 0 ? request.requestId : undefined,
      method: request.method,
      route,
      status: request.status,
      durationMs: Math.round(request.elapsedMs * 10) / 10,
      caller,
    },
  };
}

/** A caller the hub did not resolve: the public part of its key when it sent one of the hub's own, else anonymous. */
function unresolvedCaller(authorization: unknown): string {
  const prefix = typeof authorization === 'string' ? KEY_PREFIX.exec(authorization) : null;
  return prefix ? `unresolved:${prefix[1]}` : 'anonymous';
}
