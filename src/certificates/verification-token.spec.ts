import { isVerificationTokenShape, newVerificationToken } from './verification-token';

describe('verification token', () => {
  it('is 128 random bits in base64url (22 characters), different every time', () => {
    const made = Array.from({ length: 200 }, () => newVerificationToken());
    expect(new Set(made).size).toBe(200);
    for (const token of made) {
      expect(isVerificationTokenShape(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    }
  });

  it('refuses shapes a token never has before any lookup', () => {
    for (const value of ['', 'short', 'a'.repeat(23), 'a'.repeat(21) + '=', 'a'.repeat(21) + '/', '../../etc/passwd', '<script>x</script>']) {
      expect(isVerificationTokenShape(value)).toBe(false);
    }
  });
});
