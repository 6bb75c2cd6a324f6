import { DestinationProblemCode, normaliseAllowedHost, urlProblems } from './destination-policy';

describe('destination policy: https under production, and the allow-list entries', () => {
  it('requires https when the policy says so, listed hosts included, and names both problems at once', () => {
    const policy = { requireHttps: true, allowedHosts: new Set(['127.0.0.1']) };
    expect(urlProblems('https://ecoo.example.jp/', policy)).toEqual([]);
    expect(urlProblems('http://ecoo.example.jp/', policy).map((p) => p.code)).toEqual([DestinationProblemCode.HTTPS_REQUIRED]);
    expect(urlProblems('http://127.0.0.1/', policy).map((p) => p.code)).toEqual([DestinationProblemCode.HTTPS_REQUIRED]);
    expect(urlProblems('http://169.254.169.254/', policy).map((p) => p.code)).toEqual([DestinationProblemCode.HTTPS_REQUIRED, DestinationProblemCode.METADATA]);
    expect(urlProblems('http://ecoo.example.jp/', { requireHttps: false, allowedHosts: new Set() })).toEqual([]);
  });

  it('refuses what is not an http(s) URL', () => {
    const policy = { requireHttps: false, allowedHosts: new Set<string>() };
    expect(urlProblems('ftp://ecoo.example.jp/', policy).map((p) => p.code)).toEqual([DestinationProblemCode.NOT_HTTP]);
    expect(urlProblems('ecoo.example.jp', policy).map((p) => p.code)).toEqual([DestinationProblemCode.NOT_A_URL]);
  });

  it('normalises allow-list entries to host names as URLs print them, and refuses entries that hide an address', () => {
    expect(normaliseAllowedHost(' 127.0.0.1 ')).toBe('127.0.0.1');
    expect(normaliseAllowedHost('::1')).toBe('[::1]');
    expect(normaliseAllowedHost('[0:0::1]')).toBe('[::1]');
    expect(normaliseAllowedHost('Partner.Example.ORG.')).toBe('partner.example.org');
    for (const bad of ['127.1', '2130706433', '0x7f.0.0.1', 'partner.example.org:443', 'http://x', 'a b', '', 'x/y']) expect(normaliseAllowedHost(bad)).toBeUndefined();
  });
});
