import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainError } from '../errors/domain-error';
import { RequestError, RequestErrorCode } from '../errors/request-error';
import type { Violation } from '../errors/violation';
import { readStrictJson } from '../validation/strict-json';
import { HostileInputRule, unreadableJsonRule, unstorableViolations } from '../validation/hostile-input-rules';

/**
 * Fastify route config (`@RouteConfig(...)`) for a route that reads strings PostgreSQL cannot store
 * itself (a signed envelope: what the partner signed is judged after its signature), and that answers
 * an unreadable body with its own error.
 */
export interface JsonBodyRouteConfig {
  jsonBody: {
    keepUnstorableStrings: true;
    refuse: (message: string, violations: Violation[]) => DomainError;
  };
}

/** What the JSON parser leaves on the request of a JsonBodyRouteConfig route. */
export interface KeptJsonBody {
  rawBody?: Buffer;
  /** Paths of strings holding U+0000 or a lone surrogate. */
  unstorableStrings?: string[];
}

/**
 * The hub's one JSON body parser: UTF-8 decoded strictly, nesting bounded, duplicate keys refused
 * (400), strings with U+0000 or a lone surrogate refused by path (422), on every route, before any
 * guard, pipe or handler recurses into the body.
 */
export function installStrictJsonParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer | string, done) => {
    const config = (request.routeOptions?.config as Partial<JsonBodyRouteConfig> | undefined)?.jsonBody;
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const read = readStrictJson(bytes);
    if (!read.ok) {
      const rule = unreadableJsonRule(read.problem);
      const violations: Violation[] = rule ? [{ ruleId: rule, severity: 'error', path: read.path, message: read.message }] : [];
      const message = `The body is not JSON that reads one way: ${read.message}`;
      done(config ? config.refuse(message, violations) : new RequestError(RequestErrorCode.MALFORMED_JSON, message, violations.length > 0 ? { violations } : undefined), undefined);
      return;
    }
    if (config) {
      const kept = request as FastifyRequest & KeptJsonBody;
      kept.rawBody = bytes;
      kept.unstorableStrings = read.unstorable;
    } else if (read.unstorable.length > 0) {
      done(RequestError.validation(unstorableViolations(read.unstorable)), undefined);
      return;
    }
    done(null, read.value);
  });
}

// RFC 3986 section 2: a URL is ASCII; anything else is percent-encoded.
const URL_CHARACTERS = /^[\x21-\x7e]*$/;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function percentDecoded(component: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(component.slice(i + 1, i + 3))) {
      bytes.push(parseInt(component.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c === 0x2b ? 0x20 : c);
    }
  }
  try {
    return fatalUtf8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The problems of a request target (path and query string): raw non-ASCII, percent-encoded bytes
 * that are not UTF-8 (a lone surrogate among them), U+0000 anywhere. Each names where it is:
 * `path`, `query.<name>`. Empty when the URL is readable.
 */
export function urlViolations(url: string): Violation[] {
  const violation = (path: string, message: string): Violation => ({ ruleId: HostileInputRule.URL_UNREADABLE, severity: 'error', path, message });
  if (!URL_CHARACTERS.test(url)) return [violation('path', 'the URL holds characters that are not percent-encoded ASCII')];
  const problems: Violation[] = [];
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const decodedPath = percentDecoded(path.replace(/\+/g, '%2B'));
  if (decodedPath === undefined) problems.push(violation('path', 'the path is not UTF-8 once percent-decoded'));
  else if (decodedPath.includes('\u0000')) problems.push(violation('path', 'the path holds U+0000'));
  if (queryAt < 0) return problems;
  for (const pair of url.slice(queryAt + 1).split('&')) {
    if (pair.length === 0) continue;
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const name = percentDecoded(rawName);
    const value = equals < 0 ? '' : percentDecoded(pair.slice(equals + 1));
    const where = name !== undefined && !name.includes('\u0000') ? `query.${name}` : 'query';
    if (name === undefined || value === undefined) problems.push(violation(where, `${where} is not UTF-8 once percent-decoded`));
    else if (name.includes('\u0000') || value.includes('\u0000')) problems.push(violation(where, `${where} holds U+0000`));
  }
  return problems;
}
