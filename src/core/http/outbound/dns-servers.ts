import { parseCanonicalIpv4, parseIpv6 } from './ip-address';

/** One entry of HUB_DNS_SERVERS ("203.0.113.53", "203.0.113.53:5353", "2001:db8::53", "[2001:db8::53]:53") in the form Resolver.setServers takes, or undefined. */
export function parseDnsServer(entry: string): string | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
  let host: string;
  let port: string | undefined;
  if (bracketed && parseIpv6(bracketed[1])) [, host, port] = bracketed;
  else if (v4 && parseCanonicalIpv4(v4[1])) [, host, port] = v4;
  else if (parseIpv6(text)) host = text;
  else return undefined;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  if (port === undefined) return host;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
