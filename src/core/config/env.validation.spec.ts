import { ConfigValidationError, validateEnvironment } from './env.validation';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ecoo',
  REDIS_URL: 'redis://127.0.0.1:6379',
  HUB_ADMIN_TOKEN: 'a'.repeat(32),
};

describe('validateEnvironment', () => {
  it('accepts a minimal environment and converts PORT', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      validateEnvironment({ ...valid, DATABASE_URL: 'mysql://x', PORT: 'eighty', HUB_ADMIN_TOKEN: undefined });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigValidationError);
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('PORT');
    expect(message).toMatch(/HUB_ADMIN_TOKEN: missing/);
  });

  it('refuses a short operator token', () => {
    expect(() => validateEnvironment({ ...valid, HUB_ADMIN_TOKEN: 'short' })).toThrow(/HUB_ADMIN_TOKEN/);
  });
});
