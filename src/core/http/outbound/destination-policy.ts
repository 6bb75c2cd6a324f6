import { AddressClass, parseCanonicalIpv4, parseIp, refusedClassOf } from './ip-address';

/** Where the hub's outbound connections may go (README, "Outbound connections"). */
export interface DestinationPolicy {
  /** Under NODE_ENV=production, unless HUB_ALLOW_HTTP_PARTNERS=true. */
  requireHttps: boolean;
  /** Hosts the operator allows whatever their address (HUB_PARTNER_ALLOWED_HOSTS), normalised by normaliseAllowedHost. */
  allowedHosts: ReadonlySet<string>;
}

export enum DestinationProblemCode {
  NOT_A_URL = 'DESTINATION_NOT_A_URL',
  NOT_HTTP = 'DESTINATION_NOT_HTTP',
  HTTPS_REQUIRED = 'DESTINATION_HTTPS_REQUIRED',
  NON_CANONICAL_IP = 'DESTINATION_NON_CANONICAL_IP',
  LOOPBACK = 'DESTINATION_LOOPBACK',
  LINK_LOCAL = 'DESTINATION_LINK_LOCAL',
  METADATA = 'DESTINATION_METADATA',
  UNSPECIFIED = 'DESTINATION_UNSPECIFIED',
  NOT_UNICAST = 'DESTINATION_NOT_UNICAST',
}

export interface DestinationProblem {
  code: DestinationProblemCode;
  message: string;
}

const CLASS_PROBLEMS: Record<AddressClass, { code: DestinationProblemCode; what: string }> = {
  [AddressClass.LOOPBACK]: { code: DestinationProblemCode.LOOPBACK, what: 'a loopback address' },
  [AddressClass.LINK_LOCAL]: { code: DestinationProblemCode.LINK_LOCAL, what: 'a link-local address' },
  [AddressClass.METADATA]: { code: DestinationProblemCode.METADATA, what: 'a cloud metadata address' },
  [AddressClass.UNSPECIFIED]: { code: DestinationProblemCode.UNSPECIFIED, what: 'an unspecified ("this host") address' },
  [AddressClass.NOT_UNICAST]: { code: DestinationProblemCode.NOT_UNICAST, what: 'a multicast or broadcast address' },
};

// Names that always mean this machine (RFC 6761 section 6.3) or a cloud metadata service.
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

const ALLOW_HINT = 'list the host in HUB_PARTNER_ALLOWED_HOSTS to allow it';

/**
 * The host exactly as written in the URL text, before the URL parser rewrote it: the parser turns
 * "2130706433", "0x7f.1" and "127.1" into "127.0.0.1", so only the text says that another form was used.
 */
export function rawHostOf(input: string): string | undefined {
  const match = /^\s*[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/\\?#]*)/.exec(input);
  if (!match) return undefined;
  let authority = match[1];
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end < 0 ? authority : authority.slice(0, end + 1);
  }
  const colon = authority.indexOf(':');
  return colon >= 0 ? authority.slice(0, colon) : authority;
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || parseCanonicalIpv4(hostname) !== undefined;
}

function withoutTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function isAllowed(hostname: string, policy: DestinationPolicy): boolean {
  return policy.allowedHosts.has(withoutTrailingDot(hostname.toLowerCase()));
}

/**
 * An entry of HUB_PARTNER_ALLOWED_HOSTS in the form URL host names take ("127.0.0.1", "[::1]",
 * "partner.example.org"), or undefined when it is not a host, or an IPv4 address written other than
 * as a dotted quad (which would hide what it allows).
 */
export function normaliseAllowedHost(entry: string): string | undefined {
  const trimmed = entry.trim();
  if (trimmed.length === 0 || /[/?#@\s]/.test(trimmed)) return undefined;
  const ip = parseIp(trimmed);
  const text = ip?.version === 6 && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  let hostname: string;
  try {
    const url = new URL(`http://${text}/`);
    if (url.port !== '') return undefined;
    hostname = url.hostname;
  } catch {
    return undefined;
  }
  if (!ip && parseCanonicalIpv4(hostname)) return undefined;
  return withoutTrailingDot(hostname.toLowerCase());
}

/** Problems with a host name or IP literal, as the URL parser leaves it (rawHost: as written). */
function hostProblem(hostname: string, rawHost: string, policy: DestinationPolicy): DestinationProblem | undefined {
  if (isIpLiteral(hostname) && rawHost.toLowerCase() !== hostname) {
    return {
      code: DestinationProblemCode.NON_CANONICAL_IP,
      message: `host "${rawHost}" is the IP address ${hostname} written in another form (decimal, hex, octal, shortened or encoded): write it as ${hostname}`,
    };
  }
  if (isAllowed(hostname, policy)) return undefined;
  if (isIpLiteral(hostname)) {
    const address = parseIp(hostname);
    const refused = address ? refusedClassOf(address) : undefined;
    if (!refused) return undefined;
    const { code, what } = CLASS_PROBLEMS[refused];
    return { code, message: `host ${hostname} is ${what}; ${ALLOW_HINT}` };
  }
  const name = withoutTrailingDot(hostname);
  if (name === 'localhost' || name.endsWith('.localhost')) return { code: DestinationProblemCode.LOOPBACK, message: `host ${hostname} always names this machine; ${ALLOW_HINT}` };
  if (METADATA_NAMES.has(name)) return { code: DestinationProblemCode.METADATA, message: `host ${hostname} names a cloud metadata service; ${ALLOW_HINT}` };
  return undefined;
}

/** Every reason the hub will not send to this URL; empty when it may (host names are checked again, resolved, at connect time). */
export function urlProblems(input: string, policy: DestinationPolicy): DestinationProblem[] {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return [{ code: DestinationProblemCode.NOT_A_URL, message: 'is not an absolute URL' }];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [{ code: DestinationProblemCode.NOT_HTTP, message: `uses ${url.protocol} where http or https is needed` }];
  const problems: DestinationProblem[] = [];
  if (policy.requireHttps && url.protocol === 'http:') {
    problems.push({ code: DestinationProblemCode.HTTPS_REQUIRED, message: 'must use https under NODE_ENV=production (HUB_ALLOW_HTTP_PARTNERS=true allows http)' });
  }
  const host = hostProblem(url.hostname, rawHostOf(input) ?? url.hostname, policy);
  if (host) problems.push(host);
  return problems;
}

/** Why a host name may not be reached at an address its resolution gave (checked as the socket connects). */
export function resolvedAddressProblem(hostname: string, address: string, policy: DestinationPolicy): DestinationProblem | undefined {
  if (isAllowed(hostname, policy)) return undefined;
  const parsed = parseIp(address);
  if (!parsed) return { code: DestinationProblemCode.NOT_UNICAST, message: `host ${hostname} resolved to "${address}", which is not an IP address` };
  const refused = refusedClassOf(parsed);
  if (!refused) return undefined;
  const { code, what } = CLASS_PROBLEMS[refused];
  return { code, message: `host ${hostname} resolved to ${address}, ${what}; ${ALLOW_HINT}` };
}
