import { openSecret, sealSecret } from './partner-secret-box';

const MASTER = 'a3f1c9e07b5d24681357924680acebdf0123456789abcdef0123456789abcdef';
const OTHER_MASTER = '0f1e2d3c4b5a69788796a5b4c3d2e1f00123456789abcdef0123456789abcdef';

describe('partner secrets at rest', () => {
  it('opens what it sealed, and never stores the token in clear', () => {
    const sealed = sealSecret('partner-bearer-token-0001', MASTER, 'JP-NACCS');
    expect(sealed.toString('latin1')).not.toContain('partner-bearer-token');
    expect(openSecret(sealed, MASTER, 'JP-NACCS')).toBe('partner-bearer-token-0001');
  });

  it('seals the same token differently every time', () => {
    expect(sealSecret('t', MASTER, 'JP-NACCS').equals(sealSecret('t', MASTER, 'JP-NACCS'))).toBe(false);
  });

  it('does not open under another master key, for another partner, or once altered', () => {
    const sealed = sealSecret('token', MASTER, 'JP-NACCS');
    expect(() => openSecret(sealed, OTHER_MASTER, 'JP-NACCS')).toThrow();
    expect(() => openSecret(sealed, MASTER, 'TH-NSW')).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openSecret(altered, MASTER, 'JP-NACCS')).toThrow();
  });

  it('opens a token sealed by the releases before the secret box moved to core', () => {
    const earlier = Buffer.from('AVcAQAe8OpRX0SuN3HF8JpHl2Sw8LWmGEV59G0s3X57nZU81tDeS0dpzZu+DE4Qkrb3oEcgrNZbRbgXcUMfK2FN34F5NkQ==', 'base64');
    expect(openSecret(earlier, MASTER, 'JP-NACCS')).toBe('partner-bearer-token-0001');
  });
});
