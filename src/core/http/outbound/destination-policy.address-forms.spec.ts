import { DestinationPolicy, DestinationProblemCode, rawHostOf, urlProblems } from './destination-policy';

const ALLOWING_LOOPBACK: DestinationPolicy = { requireHttps: false, allowedHosts: new Set(['127.0.0.1', '[::1]']) };

function codes(url: string): string[] {
  return urlProblems(url, ALLOWING_LOOPBACK).map((p) => p.code);
}

// The URL parser rewrites these into the address they reach; written that way they hide it from a
// reader (and from an allow-list), so they are refused whatever the address, listed ones included.
describe('destination policy: IP addresses in another form than their usual one', () => {
  it('reads the host as written, before the URL parser rewrites it', () => {
    expect(rawHostOf('http://2130706433:8080/x')).toBe('2130706433');
    expect(rawHostOf('https://user:pw@0x7f.1/')).toBe('0x7f.1');
    expect(rawHostOf('http://[0:0::1]:80/')).toBe('[0:0::1]');
    expect(rawHostOf('http:\\\\127.1\\x')).toBe('127.1');
  });

  it.each([
    ['decimal', 'http://2130706433/'],
    ['hex', 'http://0x7f000001/'],
    ['dotted hex', 'http://0x7f.0x0.0x0.0x1/'],
    ['octal', 'http://0177.0.0.1/'],
    ['leading zeros', 'http://127.000.000.001/'],
    ['short', 'http://127.1/'],
    ['shortest', 'http://0/'],
    ['percent-encoded', 'http://%31%32%37.0.0.1/'],
    ['full-width digits', 'http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/'],
    ['trailing dot', 'http://127.0.0.1./'],
    ['IPv6 spelt out', 'http://[0:0:0:0:0:0:0:1]/'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
  ])('refuses the %s form even of a listed address', (_form, url) => {
    expect(codes(url)).toEqual([DestinationProblemCode.NON_CANONICAL_IP]);
  });

  it('says which address the form stands for', () => {
    expect(urlProblems('http://2852039166/latest/meta-data', ALLOWING_LOOPBACK)[0].message).toContain('169.254.169.254');
  });

  it('accepts the usual forms of listed and ordinary addresses', () => {
    expect(codes('http://127.0.0.1:4100/')).toEqual([]);
    expect(codes('http://[::1]:4100/')).toEqual([]);
    expect(codes('https://203.0.113.7/')).toEqual([]);
    expect(codes('https://[2001:db8::1]:8443/')).toEqual([]);
  });
});
