import { FixedToken, generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key-secret';

describe('API key secrets', () => {
  it('generates a key whose secret matches its stored hash and nothing else', () => {
    const generated = generateApiKey();
    const parsed = parseApiKey(generated.key);
    expect(parsed?.prefix).toBe(generated.prefix);
    expect(secretMatches(parsed!.secret, generated.secretHash)).toBe(true);
    expect(secretMatches(`${parsed!.secret.slice(0, -1)}x`, generated.secretHash)).toBe(false);
    expect(generated.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.key).not.toContain(generated.secretHash);
  });

  it('refuses keys that are not of the hub format', () => {
    expect(parseApiKey('ecoo_short_abc')).toBeUndefined();
    expect(parseApiKey('Bearer something')).toBeUndefined();
  });

  it('compares operator tokens in constant time and exactly', () => {
    const operator = new FixedToken('a'.repeat(32));
    expect(operator.matches('a'.repeat(32))).toBe(true);
    expect(operator.matches('a'.repeat(31))).toBe(false);
    expect(operator.matches(`${'a'.repeat(32)}a`)).toBe(false);
    expect(operator.matches('')).toBe(false);
    // No operator token (a command-line tool): no token is the operator's.
    expect(new FixedToken(undefined).matches('a'.repeat(32))).toBe(false);
  });

  it('hashes a secret as SHA-256 in hex (FIPS 180-4 test vector "abc")', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
