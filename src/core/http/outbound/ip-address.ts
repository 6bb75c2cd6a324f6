/** An IP address as its bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  bytes: number[];
}

/** Why an address is not a destination the hub connects to unless the operator allows its host. */
export enum AddressClass {
  LOOPBACK = 'LOOPBACK',
  LINK_LOCAL = 'LINK_LOCAL',
  METADATA = 'METADATA',
  UNSPECIFIED = 'UNSPECIFIED',
  NOT_UNICAST = 'NOT_UNICAST',
}

const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;

/** Only the dotted-quad form with decimal octets and no leading zeros: "127.0.0.1", never "127.1" or "0x7f.0.0.1". */
export function parseCanonicalIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

/** The RFC 4291 section 2.2 text forms (with "::" and a trailing dotted quad); no zone id. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = parseCanonicalIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    head = text.slice(0, lastColon + 1);
    // "::1.2.3.4" keeps its "::"; "64:ff9b::1.2.3.4" and "1:2:3:4:5:6:1.2.3.4" end in a group separator.
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(group)) return undefined;
      const value = parseInt(group, 16);
      out.push(value >> 8, value & 0xff);
    }
    return out;
  };
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (!left || !right) return undefined;
  const known = left.length + right.length + tail.length;
  if (halves.length === 1) return known === 16 ? [...left, ...tail] : undefined;
  if (known > 14) return undefined;
  return [...left, ...new Array<number>(16 - known).fill(0), ...right, ...tail];
}

/** An address in the form the URL parser and the resolvers print: dotted quad, or IPv6 with or without brackets. */
export function parseIp(text: string): IpAddress | undefined {
  const v4 = parseCanonicalIpv4(text);
  if (v4) return { version: 4, bytes: v4 };
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v6 = parseIpv6(inner);
  return v6 ? { version: 6, bytes: v6 } : undefined;
}

function startsWith(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3] & mask) !== (prefix[bit >> 3] & mask)) return false;
  }
  return true;
}

function equals(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

// Cloud instance metadata services: AWS, GCP, Azure, OpenStack and others answer on 169.254.169.254
// (AWS also on fd00:ec2::254); Alibaba Cloud on 100.100.100.200; Azure's host agent on 168.63.129.16.
const METADATA_ADDRESSES: number[][] = [[169, 254, 169, 254], [100, 100, 100, 200], [168, 63, 129, 16], parseIpv6('fd00:ec2::254') as number[]];

/**
 * The IPv4 address an IPv6 address carries, for the forms a connection can reach it through:
 * IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96, deprecated) and the NAT64 prefix 64:ff9b::/96.
 */
function embeddedIpv4(bytes: number[]): number[] | undefined {
  const mapped = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];
  const compatible = new Array<number>(12).fill(0);
  const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
  const prefix = bytes.slice(0, 12);
  if (equals(prefix, mapped) || equals(prefix, nat64)) return bytes.slice(12);
  // ::/128 and ::1/128 are IPv6's own unspecified and loopback addresses, not IPv4-compatible ones.
  if (equals(prefix, compatible) && bytes.slice(12).some((b, i) => (i < 3 ? b !== 0 : b > 1))) return bytes.slice(12);
  return undefined;
}

/** Why the hub will not connect to this address (unless the operator allows its host), or undefined. */
export function refusedClassOf(address: IpAddress): AddressClass | undefined {
  const { bytes } = address;
  if (METADATA_ADDRESSES.some((m) => equals(m, bytes))) return AddressClass.METADATA;
  if (address.version === 4) {
    if (bytes[0] === 127) return AddressClass.LOOPBACK;
    if (bytes[0] === 169 && bytes[1] === 254) return AddressClass.LINK_LOCAL;
    // 0.0.0.0/8 is "this network": connecting to it reaches the local machine on common systems.
    if (bytes[0] === 0) return AddressClass.UNSPECIFIED;
    if (bytes[0] >= 224) return AddressClass.NOT_UNICAST;
    return undefined;
  }
  const v4 = embeddedIpv4(bytes);
  if (v4) return refusedClassOf({ version: 4, bytes: v4 });
  if (bytes.every((b) => b === 0)) return AddressClass.UNSPECIFIED;
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return AddressClass.LOOPBACK;
  if (startsWith(bytes, [0xfe, 0x80], 10)) return AddressClass.LINK_LOCAL;
  if (bytes[0] === 0xff) return AddressClass.NOT_UNICAST;
  return undefined;
}
