import { parseIp } from './outbound/ip-address';

/**
 * The part of a client's address that one party controls, for per-address limits: an IPv4 address
 * as is (an IPv4-mapped IPv6 address as its IPv4 address), an IPv6 address as its /64 prefix, since
 * one customer routinely holds a whole /64 and could otherwise take a fresh address per attempt.
 */
export function addressBucket(address: string): string {
  const parsed = parseIp(address);
  if (!parsed) return address;
  const { bytes } = parsed;
  if (parsed.version === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `${groups.join(':')}::/64`;
}

/**
 * One entry of HUB_TRUSTED_PROXIES: an IP address or a CIDR block (`10.0.0.5`, `10.0.0.0/8`,
 * `2001:db8::/32`), in its usual form; undefined when it is neither.
 */
export function normaliseTrustedProxy(entry: string): string | undefined {
  const text = entry.trim();
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  if (slash < 0) return text;
  const prefix = text.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > (address.version === 4 ? 32 : 128)) return undefined;
  return text;
}

/** HUB_TRUSTED_PROXIES as Fastify's `trustProxy` takes it: the listed addresses only, or none. */
export function trustedProxies(setting: string | undefined): string[] | false {
  const entries = (setting ?? '').split(',').map(normaliseTrustedProxy).filter((entry): entry is string => entry !== undefined);
  return entries.length > 0 ? entries : false;
}

/**
 * RFC 1918, RFC 4193, loopback and the IPv4 shared space (RFC 6598): addresses a load balancer in
 * front of the hub would have, and no member of the public would.
 */
export function isPrivateAddress(address: string): boolean {
  const parsed = parseIp(address);
  if (!parsed) return false;
  let b = parsed.bytes;
  if (parsed.version === 6 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) b = b.slice(12);
  if (b.length === 4) {
    return b[0] === 10 || b[0] === 127 || (b[0] === 172 && b[1] >= 16 && b[1] < 32) || (b[0] === 192 && b[1] === 168) || (b[0] === 100 && b[1] >= 64 && b[1] < 128);
  }
  return (b[0] & 0xfe) === 0xfc || (b.slice(0, 15).every((x) => x === 0) && b[15] === 1);
}

// After this many anonymous requests from one private address and none from anywhere else, the hub
// is most likely behind a proxy it does not trust, and counts every public caller as one.
export const ONE_ADDRESS_WARNING_AFTER = 100;

/**
 * Notices, once per process, that every anonymous request so far came from one private address: what
 * a load balancer missing from HUB_TRUSTED_PROXIES looks like (SECURITY.md). `observe` returns the
 * warning the one time it holds, and nothing after, nor once a second address or a public one is seen.
 */
export class OneAddressWatch {
  private only: string | null | undefined;
  private seen = 0;

  constructor(private readonly proxiesTrusted: boolean) {}

  observe(address: string): string | undefined {
    if (this.only === null) return undefined;
    this.only ??= address;
    if (address !== this.only || !isPrivateAddress(address)) {
      this.only = null;
      return undefined;
    }
    this.seen++;
    if (this.seen < ONE_ADDRESS_WARNING_AFTER) return undefined;
    this.only = null;
    return (
      `The first ${ONE_ADDRESS_WARNING_AFTER} anonymous requests all came from one private address (${address}), so every public caller shares one rate limit. ` +
      (this.proxiesTrusted
        ? 'Check that the load balancer in front of the hub sets X-Forwarded-For and is listed in HUB_TRUSTED_PROXIES.'
        : 'Behind a load balancer, list its address in HUB_TRUSTED_PROXIES (SECURITY.md).')
    );
  }
}
