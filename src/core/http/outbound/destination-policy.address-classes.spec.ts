import { DestinationPolicy, DestinationProblemCode, resolvedAddressProblem, urlProblems } from './destination-policy';

const NOTHING_ALLOWED: DestinationPolicy = { requireHttps: false, allowedHosts: new Set() };

function codes(url: string, policy = NOTHING_ALLOWED): string[] {
  return urlProblems(url, policy).map((p) => p.code);
}

describe('destination policy: addresses the hub does not connect to unless the operator allows the host', () => {
  it.each([
    ['http://127.0.0.1:8080/', DestinationProblemCode.LOOPBACK],
    ['http://127.9.9.9/', DestinationProblemCode.LOOPBACK],
    ['http://[::1]/', DestinationProblemCode.LOOPBACK],
    ['http://localhost:3000/', DestinationProblemCode.LOOPBACK],
    ['http://api.localhost/', DestinationProblemCode.LOOPBACK],
    ['http://169.254.1.1/', DestinationProblemCode.LINK_LOCAL],
    ['http://[fe80::1]/', DestinationProblemCode.LINK_LOCAL],
    ['http://169.254.169.254/latest/meta-data/', DestinationProblemCode.METADATA],
    ['http://[fd00:ec2::254]/', DestinationProblemCode.METADATA],
    ['http://metadata.google.internal/computeMetadata/v1/', DestinationProblemCode.METADATA],
    ['http://0.0.0.0:3000/', DestinationProblemCode.UNSPECIFIED],
    ['http://[::]/', DestinationProblemCode.UNSPECIFIED],
    ['http://239.1.1.1/', DestinationProblemCode.NOT_UNICAST],
  ])('refuses %s', (url, code) => {
    const problems = urlProblems(url, NOTHING_ALLOWED);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].message).toContain('HUB_PARTNER_ALLOWED_HOSTS');
  });

  it('allows a listed address or name, and only that one', () => {
    const policy: DestinationPolicy = { requireHttps: false, allowedHosts: new Set(['127.0.0.1', 'localhost']) };
    expect(codes('http://127.0.0.1:4100/', policy)).toEqual([]);
    expect(codes('http://localhost:4100/', policy)).toEqual([]);
    expect(codes('http://127.0.0.2:4100/', policy)).toEqual([DestinationProblemCode.LOOPBACK]);
    expect(codes('http://169.254.169.254/', policy)).toEqual([DestinationProblemCode.METADATA]);
  });

  it('leaves host names to the check at connect time, when they are resolved', () => {
    expect(codes('https://ecoo.example.jp/')).toEqual([]);
    expect(codes('https://169.254.169.254.nip.io/')).toEqual([]);
  });

  it('checks each resolved address of a host that is not listed, and none of a listed one', () => {
    const policy: DestinationPolicy = { requireHttps: false, allowedHosts: new Set(['127.0.0.1', 'partner.internal']) };
    expect(resolvedAddressProblem('ecoo.example.jp', '203.0.113.7', policy)).toBeUndefined();
    expect(resolvedAddressProblem('ecoo.example.jp', '127.0.0.1', policy)?.code).toBe(DestinationProblemCode.LOOPBACK);
    expect(resolvedAddressProblem('ecoo.example.jp', '169.254.169.254', policy)?.message).toBe(
      'host ecoo.example.jp resolved to 169.254.169.254, a cloud metadata address; list the host in HUB_PARTNER_ALLOWED_HOSTS to allow it',
    );
    expect(resolvedAddressProblem('ecoo.example.jp', '::ffff:127.0.0.1', policy)?.code).toBe(DestinationProblemCode.LOOPBACK);
    expect(resolvedAddressProblem('partner.internal', '127.0.0.1', policy)).toBeUndefined();
    expect(resolvedAddressProblem('PARTNER.internal.', '169.254.169.254', policy)).toBeUndefined();
  });
});
