import { generateInboundToken, inboundTokenMatches, parseInboundToken } from './inbound-token';

describe('partner inbound tokens', () => {
  it('generates a token whose secret matches its stored hash, and nothing else does', () => {
    const generated = generateInboundToken();
    const parsed = parseInboundToken(generated.token);
    expect(parsed?.prefix).toBe(generated.prefix);
    expect(inboundTokenMatches(parsed!.secret, generated.secretHash)).toBe(true);
    expect(inboundTokenMatches(parseInboundToken(generateInboundToken().token)!.secret, generated.secretHash)).toBe(false);
  });

  it('does not take an API key for a partner token', () => {
    expect(parseInboundToken(`ecoo_abcdefghijkl_${'a'.repeat(43)}`)).toBeUndefined();
  });
});
