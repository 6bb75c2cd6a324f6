import { AddressClass, parseCanonicalIpv4, parseIp, parseIpv6, refusedClassOf } from './ip-address';

function classOf(text: string): AddressClass | undefined {
  const address = parseIp(text);
  if (!address) throw new Error(`not an address: ${text}`);
  return refusedClassOf(address);
}

describe('IP addresses', () => {
  it('reads IPv4 only as a dotted quad of decimal octets without leading zeros', () => {
    expect(parseCanonicalIpv4('127.0.0.1')).toEqual([127, 0, 0, 1]);
    expect(parseCanonicalIpv4('255.255.255.255')).toEqual([255, 255, 255, 255]);
    for (const other of ['127.1', '2130706433', '0x7f.0.0.1', '0177.0.0.1', '127.000.000.001', '256.0.0.1', '1.2.3.4.5', '1.2.3.', '']) {
      expect(parseCanonicalIpv4(other)).toBeUndefined();
    }
  });

  it('reads the IPv6 text forms, with "::" and a trailing dotted quad', () => {
    expect(parseIpv6('::1')).toEqual([...new Array(15).fill(0), 1]);
    expect(parseIpv6('::')).toEqual(new Array(16).fill(0));
    expect(parseIpv6('fe80::1')).toEqual([0xfe, 0x80, ...new Array(13).fill(0), 1]);
    expect(parseIpv6('::ffff:127.0.0.1')).toEqual([...new Array(10).fill(0), 0xff, 0xff, 127, 0, 0, 1]);
    expect(parseIpv6('64:ff9b::169.254.169.254')).toEqual([0, 0x64, 0xff, 0x9b, ...new Array(8).fill(0), 169, 254, 169, 254]);
    expect(parseIpv6('1:2:3:4:5:6:7:8')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', ':::', 'g::1', '1:2:3:4:5:6:7']) expect(parseIpv6(bad)).toBeUndefined();
  });

  it('classes loopback, link-local, metadata, unspecified and non-unicast addresses of both families', () => {
    expect(classOf('127.0.0.1')).toBe(AddressClass.LOOPBACK);
    expect(classOf('127.255.0.9')).toBe(AddressClass.LOOPBACK);
    expect(classOf('[::1]')).toBe(AddressClass.LOOPBACK);
    expect(classOf('169.254.10.1')).toBe(AddressClass.LINK_LOCAL);
    expect(classOf('fe80::abcd')).toBe(AddressClass.LINK_LOCAL);
    expect(classOf('febf::1')).toBe(AddressClass.LINK_LOCAL);
    expect(classOf('169.254.169.254')).toBe(AddressClass.METADATA);
    expect(classOf('fd00:ec2::254')).toBe(AddressClass.METADATA);
    expect(classOf('100.100.100.200')).toBe(AddressClass.METADATA);
    expect(classOf('0.0.0.0')).toBe(AddressClass.UNSPECIFIED);
    expect(classOf('::')).toBe(AddressClass.UNSPECIFIED);
    expect(classOf('224.0.0.1')).toBe(AddressClass.NOT_UNICAST);
    expect(classOf('255.255.255.255')).toBe(AddressClass.NOT_UNICAST);
    expect(classOf('ff02::1')).toBe(AddressClass.NOT_UNICAST);
  });

  it('classes an IPv4 address carried in IPv6 (mapped, compatible, NAT64) as the IPv4 address it reaches', () => {
    expect(classOf('::ffff:127.0.0.1')).toBe(AddressClass.LOOPBACK);
    expect(classOf('::ffff:7f00:1')).toBe(AddressClass.LOOPBACK);
    expect(classOf('::ffff:a9fe:a9fe')).toBe(AddressClass.METADATA);
    expect(classOf('::127.0.0.1')).toBe(AddressClass.LOOPBACK);
    expect(classOf('64:ff9b::a9fe:101')).toBe(AddressClass.LINK_LOCAL);
    expect(classOf('::ffff:203.0.113.7')).toBeUndefined();
  });

  it('leaves ordinary unicast addresses alone, private ranges included (partners on a private network are common)', () => {
    for (const ok of ['203.0.113.7', '10.1.2.3', '192.168.1.10', '172.16.0.5', '2001:db8::1', 'fc00::5', 'fec0::1', '126.255.255.255', '128.0.0.1', '169.253.1.1']) {
      expect(classOf(ok)).toBeUndefined();
    }
  });
});
