import { MIN_TOKEN_BITS, tokenStrength, tokenWeakness } from './token-strength';

// Fixed examples of what `openssl rand` prints, so the spec does not depend on chance.
const BASE64_32 = 'q8Zr1Yv0kX3fT9mB2cW7nJ5hL4sD6gP0aE8uR1iO3yQ=';
const HEX_32 = '9f2c4e1ab7d35086c2e94f1d7a0b6c38e5f21d94a7c03b6e8d1f5a2c4b7e9d03';

describe('operator token strength', () => {
  it('estimates length x log2 of the character classes used', () => {
    expect(tokenStrength('abcdefgh').bits).toBeCloseTo(8 * Math.log2(26));
    expect(tokenStrength('aB3$').bits).toBeCloseTo(4 * Math.log2(26 + 26 + 10 + 33));
    expect(tokenStrength(HEX_32).bits).toBeCloseTo(64 * Math.log2(36));
  });

  it('accepts random tokens of the usual generators', () => {
    expect(tokenWeakness('HUB_ADMIN_TOKEN', BASE64_32)).toBeUndefined();
    expect(tokenWeakness('HUB_ADMIN_TOKEN', HEX_32)).toBeUndefined();
    expect(tokenWeakness('HUB_ADMIN_TOKEN', 'Xk9-rT2_bQ7vN4mZp8Lw3cF6')).toBeUndefined();
  });

  it('refuses a token under 128 bits, saying how it is estimated', () => {
    // 24 lower-case letters and digits: 24 x log2(36) = 124 bits.
    const message = tokenWeakness('HUB_ADMIN_TOKEN', 'k3j9x0q2m8v7b1n5c4z6w2r8');
    expect(message).toMatch(/^HUB_ADMIN_TOKEN is too weak for production: about 124 bits \(its length times log2 of the size of the character classes it uses\), at least 128 needed/);
  });

  it('refuses a long token that repeats one unit', () => {
    const message = tokenWeakness('HUB_ADMIN_TOKEN', 'Ab1!'.repeat(20));
    expect(tokenStrength('Ab1!'.repeat(20)).bits).toBeGreaterThan(MIN_TOKEN_BITS);
    expect(message).toContain('it is a word or a run of one pattern (it repeats one unit of 4 characters)');
    expect(tokenWeakness('HUB_ADMIN_TOKEN', 'x'.repeat(64))).toContain('repeats one unit of 1 character');
  });

  it('refuses a long run of one step', () => {
    const message = tokenWeakness('HUB_ADMIN_TOKEN', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
    expect(message).toContain('a run such as aaaa, abcd or 9876');
  });

  it('refuses a token built of common words, without quoting the token or the word', () => {
    const token = 'Password-Operator-Token-Secret-Admin-2026!';
    const message = tokenWeakness('HUB_ADMIN_TOKEN', token) ?? '';
    expect(message).toContain('a common word');
    expect(message.toLowerCase()).not.toContain('password');
    expect(message).not.toContain('Operator-');
    expect(tokenWeakness('HUB_ADMIN_TOKEN', 'test-operator-token-0123456789abcdef')).toContain('is a word or a run of one pattern');
  });
});
