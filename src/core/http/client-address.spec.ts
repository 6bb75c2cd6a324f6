import { ONE_ADDRESS_WARNING_AFTER, OneAddressWatch, addressBucket, isPrivateAddress, normaliseTrustedProxy, trustedProxies } from './client-address';

describe('the address bucket a per-address limit counts', () => {
  it('is an IPv4 address itself, also when it comes IPv4-mapped', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is the /64 of an IPv6 address, so the addresses of one network count together', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('keeps anything else as it came', () => {
    expect(addressBucket('unknown')).toBe('unknown');
  });
});

describe('HUB_TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR blocks, and trusts no proxy when unset or empty', () => {
    expect(trustedProxies('10.0.0.5, 10.0.0.0/8,2001:db8::/32')).toEqual(['10.0.0.5', '10.0.0.0/8', '2001:db8::/32']);
    expect(trustedProxies(undefined)).toBe(false);
    expect(trustedProxies('')).toBe(false);
  });

  it('refuses what is neither an address nor a block', () => {
    for (const entry of ['*', 'loopback', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '127.1', 'proxy.example.org']) expect(normaliseTrustedProxy(entry)).toBeUndefined();
  });
});

describe('the warning when every anonymous caller seems to be one private address', () => {
  const feed = (watch: OneAddressWatch, addresses: string[]) => addresses.map((a) => watch.observe(a)).filter((w) => w !== undefined);

  it('is given once, after enough requests from one private address, naming HUB_TRUSTED_PROXIES', () => {
    const watch = new OneAddressWatch(false);
    const warnings = feed(watch, Array(ONE_ADDRESS_WARNING_AFTER * 3).fill('10.1.2.3'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('10.1.2.3');
    expect(warnings[0]).toContain('HUB_TRUSTED_PROXIES');
  });

  it('is not given when callers differ, or when the one address is public', () => {
    expect(feed(new OneAddressWatch(false), [...Array(ONE_ADDRESS_WARNING_AFTER - 1).fill('10.1.2.3'), '198.51.100.7', ...Array(200).fill('10.1.2.3')])).toEqual([]);
    expect(feed(new OneAddressWatch(false), Array(300).fill('198.51.100.7'))).toEqual([]);
  });

  it('knows the private ranges a load balancer would have', () => {
    for (const a of ['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '127.0.0.1', 'fd00::1', '::1', '::ffff:10.0.0.1']) expect(isPrivateAddress(a)).toBe(true);
    for (const a of ['172.32.0.1', '198.51.100.7', '2001:db8::1', '8.8.8.8']) expect(isPrivateAddress(a)).toBe(false);
  });
});
