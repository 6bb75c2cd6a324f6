import { addressBucket } from './client-address';

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
