import { parseDnsServer } from './dns-servers';

describe('HUB_DNS_SERVERS entries', () => {
  it('takes IPv4 and IPv6 addresses with an optional port, in the form the resolver takes', () => {
    expect(parseDnsServer('203.0.113.53')).toBe('203.0.113.53');
    expect(parseDnsServer(' 127.0.0.1:5353 ')).toBe('127.0.0.1:5353');
    expect(parseDnsServer('2001:db8::53')).toBe('2001:db8::53');
    expect(parseDnsServer('[2001:db8::53]:53')).toBe('[2001:db8::53]:53');
  });

  it('refuses names, bad ports and other forms of addresses', () => {
    for (const bad of ['dns.example', '127.1', '127.0.0.1:0', '127.0.0.1:70000', '[::1', '1.2.3.4:', '']) expect(parseDnsServer(bad)).toBeUndefined();
  });
});
