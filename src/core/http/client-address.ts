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
